import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * One better-sqlite3 connection is shared by every request. A transaction spans awaits, so
 * without a lock another request's write could slip into it (and be rolled back with it).
 * Every write and every transaction therefore runs under this lock; reads do not need it.
 * The lock is re-entrant within one async call chain, so a write issued from inside a
 * transaction never waits for the transaction that issued it.
 */
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly holder = new AsyncLocalStorage<WriteLock>();

  run<T>(work: () => T | Promise<T>): Promise<T> {
    if (this.holder.getStore() === this) return Promise.resolve().then(work);
    const result = this.tail.then(() => this.holder.run(this, work));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
