#!/usr/bin/env node
// The localvpc command. Runs the compiled CLI from dist/ (built by `npm install` / `npm run build`).
import { main } from '../dist/cli/main.js';

const code = await main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
