/**
 * The environment a command run `--from <vantage>` gets: every proxy variable curl, Node, Python
 * and the AWS SDKs read (both cases), pointing at the vantage proxy, and every CA variable
 * pointing at localvpc's bundle (DESIGN.md, network model). Loopback stays direct, so the child
 * can still reach localvpc's own endpoint and host services.
 */
export function vantageEnv(base: NodeJS.ProcessEnv, proxyUrl: string, caBundle: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY']) {
    env[name] = proxyUrl;
    env[name.toLowerCase()] = proxyUrl;
  }
  env.NO_PROXY = env.no_proxy = '127.0.0.1,localhost,::1';
  for (const name of ['CURL_CA_BUNDLE', 'SSL_CERT_FILE', 'NODE_EXTRA_CA_CERTS', 'AWS_CA_BUNDLE', 'REQUESTS_CA_BUNDLE']) env[name] = caBundle;
  return env;
}
