import path from 'node:path';
import Database from 'better-sqlite3';

/** Row counts of Agora's own tables, read straight from the SQLite file to prove nothing was written. */
export function countRows(dataDir: string, tables: string[] = ['courses', 'people', 'memberships', 'sessions']): Record<string, number> {
  const db = new Database(path.join(dataDir, 'agora.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT count(*) AS n FROM ${table}`).pluck().get() as number]));
  } finally {
    db.close();
  }
}
