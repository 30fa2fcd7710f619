#!/usr/bin/env node
// `npm run platform -- ...`: runs the CLI from the build if present, otherwise straight from TypeScript via tsx.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const [command, ...args] = process.argv.slice(2);
const built = path.join(root, 'dist', 'cli', `${command}.js`);
const source = path.join(root, 'src', 'cli', `${command}.ts`);
const run = fs.existsSync(built) && fs.statSync(built).mtimeMs >= fs.statSync(source).mtimeMs
  ? [process.execPath, [built, ...args]]
  : [process.execPath, [require.resolve('tsx/cli'), source, ...args]];
const result = spawnSync(run[0], run[1], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
