#!/usr/bin/env node
// Runs the compiled server (dist/main.js). When this process may use only one CPU, Node first restarts
// itself once with the GC flags that suit it (gc-flags.js); signals and the exit code pass through.
// `npm start` (start.js) and the Docker image both start Agora through here.
'use strict';
const { spawn } = require('node:child_process');
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
} else {
  require(path.join(__dirname, '..', 'dist', 'main.js'));
}
