// A server that answers every request with the same tiny, valid DescribeVpcs response, so a
// benchmark can measure what its client costs by itself (the floor no EC2 server can beat).
// Usage: node scripts/bench/null-ec2-server.mjs PORT
import http from 'node:http';

const body =
  '<?xml version="1.0" encoding="UTF-8"?>\n<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>00000000-0000-4000-8000-000000000000</requestId><vpcSet/></DescribeVpcsResponse>';
const port = Number(process.argv[2] ?? 0);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': '00000000-0000-4000-8000-000000000000' });
    res.end(body);
  });
});
server.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
