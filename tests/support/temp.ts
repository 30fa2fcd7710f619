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

process.on('exit', () => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});
