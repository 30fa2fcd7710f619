import type BetterSqlite3 from 'better-sqlite3';

/** What every SQLite repository gets: the connection, and a way to write under the shared write lock. */
export interface SqliteContext {
  db: BetterSqlite3.Database;
  write<T>(work: () => T): Promise<T>;
}

/** Dates are stored as UTC epoch milliseconds. */
export const toMillis = (date: Date): number => date.getTime();
export const toDate = (millis: number): Date => new Date(millis);
