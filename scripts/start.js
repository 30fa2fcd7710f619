#!/usr/bin/env node
// `npm start`: compile once if dist/ is missing or older than src/, then run the server.
// Keeps "npm install && npm start" a two-command path without a separate build step.
// On one core, Node restarts itself once with the GC flags that suit it (gc-flags.js).
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { gcFlagsFor } = require('./gc-flags');

const missingFlags = gcFlagsFor(os.availableParallelism()).filter((flag) => !process.execArgv.includes(flag));
if (missingFlags.length > 0) {
  const child = spawn(process.execPath, [...process.execArgv, ...missingFlags, ...process.argv.slice(1)], { stdio: 'inherit' });
  // The server shuts down cleanly on these; pass them on and leave as it leaves.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
  return;
}

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
require(entry);
