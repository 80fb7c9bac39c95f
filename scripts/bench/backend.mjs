// The backend every leg of the chain benchmark reaches: answers any request with `200 ok\n`,
// keeping connections alive. Runs in its own process so it does not share an event loop with the
// benchmark or with localvpc.
// Usage: node scripts/bench/backend.mjs [PORT]   (0 or none: a free port; prints `listening PORT`)
import http from 'node:http';

const body = Buffer.from('ok\n');
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
    res.end(body);
  });
});
// Keep idle connections open longer than any warm-up gap between wrk runs.
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => console.log(`listening ${server.address().port}`));

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
