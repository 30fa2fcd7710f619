#!/usr/bin/env node
// `npm start`: compile once if dist/ is missing or older than src/, then run the server.
// Keeps "npm install && npm start" a two-command path without a separate build step.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'dist', 'main.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

const stale = !fs.existsSync(entry) || newestMtime(path.join(root, 'src')) > fs.statSync(entry).mtimeMs;
if (stale) {
  process.stdout.write('Building Agora (first start or sources changed)...\n');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
    cwd: root,
  });
}
// launch.js restarts Node with the one-core GC flags when they apply, then runs dist/main.js.
require('./launch');
