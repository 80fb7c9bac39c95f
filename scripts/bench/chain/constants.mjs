// Constants every leg of the chain benchmark shares (scripts/bench/chain.mjs).

/** Seconds of wrk load before each measured run; not counted. */
export const WARMUP_SECONDS = 2;

/** The path every leg requests, and what the backend (scripts/bench/backend.mjs) answers. */
export const REQUEST_PATH = 'bench';
export const EXPECTED_BODY = 'ok\n';

/** The region the SDK clients sign for; localvpc takes it from the credential scope. */
export const REGION = 'eu-west-1';

/**
 * Architecture 1's custom domain (a public Route 53 zone for ARCH1_ZONE holds its alias to the
 * ALB and its certificate's validation record), and the absolute-form URL legs (d) and (e) send
 * to their HTTP proxy. The seed walkthrough's domain: Route 53 refuses public zones for
 * example.com (`InvalidDomainName: example.com is reserved by AWS!`), and so does localvpc.
 */
export const ARCH1_ZONE = 'vpcdemo.com';
export const ARCH1_DOMAIN = `bench.${ARCH1_ZONE}`;
export const ARCH1_URL = `http://${ARCH1_DOMAIN}/${REQUEST_PATH}`;
