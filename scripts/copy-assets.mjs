#!/usr/bin/env node
/**
 * copy-assets puts the compact service models next to the compiled code: src/models/*.json →
 * dist/models/. `loadModel` reads them relative to its own module URL, so the same code works
 * from src/ (tsx) and from dist/ (npm package). Runs after `tsc` in `npm run build`.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'src', 'models');
const to = join(root, 'dist', 'models');

mkdirSync(to, { recursive: true });
let copied = 0;
for (const name of readdirSync(from)) {
  if (!name.endsWith('.json')) continue;
  copyFileSync(join(from, name), join(to, name));
  copied++;
}
if (copied === 0) {
  process.stderr.write(`copy-assets: no models in ${from}; run npm run gen-models\n`);
  process.exit(1);
}
