/**
 * The dependency direction of DESIGN.md ("Architecture"), enforced in CI by `npm run lint`.
 */
const layer = (name) => `^src/${name}/`;
module.exports = {
  forbidden: [
    { name: 'kernel-imports-nothing', severity: 'error', from: { path: layer('kernel') }, to: { path: '^src/', pathNot: layer('kernel') } },
    { name: 'protocol-only-kernel', severity: 'error', from: { path: layer('protocol') }, to: { path: '^src/', pathNot: [layer('protocol'), layer('kernel'), layer('models')] } },
    { name: 'state-only-kernel', severity: 'error', from: { path: layer('state') }, to: { path: '^src/', pathNot: [layer('state'), layer('kernel')] } },
    { name: 'policy-only-kernel', severity: 'error', from: { path: layer('policy') }, to: { path: '^src/', pathNot: [layer('policy'), layer('kernel')] } },
    {
      name: 'services-no-gateway-dataplane-runtime',
      severity: 'error',
      from: { path: layer('services') },
      to: { path: [layer('gateway'), layer('dataplane'), layer('runtime'), layer('cli'), layer('console')] },
    },
    {
      name: 'service-does-not-import-another-service',
      severity: 'error',
      from: { path: '^src/services/([^/]+)/' },
      to: { path: '^src/services/([^/]+)/', pathNot: '^src/services/$1/' },
    },
    {
      name: 'dataplane-only-state-policy-kernel',
      severity: 'error',
      from: { path: layer('dataplane') },
      to: { path: '^src/', pathNot: [layer('dataplane'), layer('state'), layer('policy'), layer('kernel')] },
    },
    {
      name: 'gateway-no-state-writes-or-dataplane',
      severity: 'error',
      from: { path: layer('gateway') },
      to: { path: [layer('dataplane'), layer('runtime'), layer('cli')] },
    },
    { name: 'cli-talks-http', severity: 'error', from: { path: layer('cli') }, to: { path: [layer('services'), layer('state'), layer('dataplane'), layer('gateway')] } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
