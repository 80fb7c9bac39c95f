#!/usr/bin/env node
/**
 * gen-models writes the compact service models in src/models/ from the botocore installed on this
 * machine (aws-protocols.md §7: botocore `data/<svc>/<ver>/service-2.json[.gz]` is complete and
 * Apache-2.0). Run by hand: `npm run gen-models`. CI only loads the committed output.
 *
 * What it keeps: everything the codecs and the validator read (aws-protocols.md §7 lists it).
 * What it drops: prose (`documentation`, `documentationUrl`, examples, deprecation text).
 *
 * Layout of each output file: sorted keys everywhere except inside `members`, whose order is the
 * model's (it is the XML element order and the order of validation messages); one line per
 * operation and per shape, so a botocore upgrade diffs line by line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** serviceId (botocore's data folder name) → API version. */
const SERVICES = {
  ec2: '2016-11-15',
  elbv2: '2015-12-01',
  apigateway: '2015-07-09',
  apigatewayv2: '2018-11-29',
  route53: '2013-04-01',
  acm: '2015-12-08',
  cloudformation: '2010-05-15',
  sts: '2011-06-15',
};

/** Keys that carry prose only. */
const PROSE = new Set(['documentation', 'documentationUrl', 'examples', 'deprecatedMessage', 'deprecatedSince']);

function botocoreDir() {
  const out = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__));print(botocore.__version__)'], { encoding: 'utf8' });
  const [dir, version] = out.trim().split('\n');
  return { dir, version };
}

function readServiceModel(dataDir, service, version) {
  const base = join(dataDir, 'data', service, version, 'service-2.json');
  if (existsSync(base + '.gz')) return JSON.parse(gunzipSync(readFileSync(base + '.gz')).toString('utf8'));
  return JSON.parse(readFileSync(base, 'utf8'));
}

/** Deep copy without prose; object keys sorted unless `keepOrder` (structure members). */
function clean(value, keepOrder = false) {
  if (Array.isArray(value)) return value.map((v) => clean(v));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).filter((k) => !PROSE.has(k));
  if (!keepOrder) keys.sort();
  const out = {};
  for (const k of keys) out[k] = clean(value[k], k === 'members');
  return out;
}

function render(model, generatedFrom) {
  const lines = ['{', `"_generatedFrom":${JSON.stringify(generatedFrom)},`, `"metadata":${JSON.stringify(clean(model.metadata))},`];
  for (const section of ['operations', 'shapes']) {
    const names = Object.keys(model[section]).sort();
    lines.push(`"${section}":{`);
    names.forEach((name, i) => {
      lines.push(`${JSON.stringify(name)}:${JSON.stringify(clean(model[section][name]))}${i < names.length - 1 ? ',' : ''}`);
    });
    lines.push('},');
  }
  lines.push(`"version":${JSON.stringify(model.version ?? '2.0')}`, '}');
  return lines.join('\n') + '\n';
}

function notice(botocoreVersion) {
  return `localvpc
Copyright the localvpc authors. Licensed under the Apache License, Version 2.0.

This product includes service models derived from botocore ${botocoreVersion}
(https://github.com/boto/botocore), data/<service>/<version>/service-2.json for:
${Object.entries(SERVICES).map(([s, v]) => `  ${s} ${v}`).join('\n')}

botocore is Copyright Amazon.com, Inc. or its affiliates, and is licensed under
the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).
The files in src/models/ are those models with documentation and examples
removed; they are otherwise unmodified in content.
`;
}

function main() {
  const { dir, version } = botocoreDir();
  const generatedFrom = `botocore ${version}`;
  const outDir = join(root, 'src', 'models');
  mkdirSync(outDir, { recursive: true });
  for (const [service, apiVersion] of Object.entries(SERVICES)) {
    const model = readServiceModel(dir, service, apiVersion);
    const text = render(model, generatedFrom);
    JSON.parse(text); // the hand-rolled layout must still be valid JSON
    writeFileSync(join(outDir, `${service}.json`), text);
    process.stdout.write(`${service}: ${Object.keys(model.operations).length} operations, ${(text.length / 1024).toFixed(0)} KiB\n`);
  }
  writeFileSync(join(root, 'NOTICE'), notice(version));
}

main();
