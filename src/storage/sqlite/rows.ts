import type BetterSqlite3 from 'better-sqlite3';

/** What every SQLite repository gets: the connection, and a way to write under the shared write lock. */
export interface SqliteContext {
  db: BetterSqlite3.Database;
  write<T>(work: () => T): Promise<T>;
}

/** Dates are stored as UTC epoch milliseconds. */
export const toMillis = (date: Date): number => date.getTime();
export const toDate = (millis: number): Date => new Date(millis);

/** A domain value as SQLite stores it: dates as epoch milliseconds, booleans as 0/1. */
export function sqlValue(value: unknown): string | number | null {
  if (value instanceof Date) return toMillis(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value as string | number | null;
}
