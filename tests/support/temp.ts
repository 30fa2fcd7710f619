import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const created: string[] = [];

/** A fresh directory for one test's files (SQLite databases, keys); removed when the process exits. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `agora-${prefix}-`));
  created.push(dir);
  return dir;
}

/** Removes every directory made so far; jest calls it after each test file (tests/support/cleanup.ts). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

// Jest workers may be stopped without an orderly exit, hence the per-file cleanup as well.
process.on('exit', removeTempDirs);
