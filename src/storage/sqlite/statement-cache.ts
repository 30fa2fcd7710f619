import type BetterSqlite3 from 'better-sqlite3';

/**
 * Makes `db.prepare` reuse compiled statements. Most repositories prepare their SQL on every call, and
 * SQLite's compiler was the largest single cost of a post after the socket writes (bench S1/S3 profiles).
 * A statement is handed out again only when it is not running (`busy`: an unfinished `iterate`), with
 * its result mode reset (a call site may have asked for `pluck`), so each caller gets what a fresh
 * `prepare` would give. SQL built per call (an `IN (?, ?, …)` of varying length) is bounded by `limit`,
 * the least recently used going first. A caller must not `bind()` a statement for good (that would fix
 * its parameters for every later caller); none does: parameters are passed to `run`/`get`/`all`.
 */
export function cacheStatements(db: BetterSqlite3.Database, limit = 500): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, BetterSqlite3.Statement>();
  const cached = (source: string): BetterSqlite3.Statement => {
    const known = cache.get(source);
    if (known && !known.busy) {
      cache.delete(source);
      cache.set(source, known);
      if (known.reader) known.raw(false).pluck(false).expand(false);
      return known;
    }
    const statement = prepare(source);
    if (known) return statement;
    cache.set(source, statement);
    if (cache.size > limit) cache.delete(cache.keys().next().value!);
    return statement;
  };
  db.prepare = cached as BetterSqlite3.Database['prepare'];
}
