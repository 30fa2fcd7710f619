import type { ClientSession, Connection } from 'mongoose';
import type { MongoModels } from './schemas';

/**
 * What every MongoDB repository gets. `session` is the transaction's session when the repository
 * was handed to `transaction(work)`, undefined otherwise; every operation passes it on, so reads see
 * the transaction's own writes and writes commit or roll back with it.
 */
export interface MongoContext {
  models: MongoModels;
  session: ClientSession | undefined;
  /**
   * Runs `work` in the current transaction, or in a transaction of its own when there is none:
   * for the few writes that must never be seen half-done even outside a caller's transaction.
   */
  atomically<T>(work: (session: ClientSession) => Promise<T>): Promise<T>;
}

/** Transactions commit to a majority (a failover cannot undo them) and read one consistent snapshot. */
const transactionOptions = { readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' } } as const;

export function mongoContext(connection: Connection, models: MongoModels, session: ClientSession | undefined): MongoContext {
  return {
    models,
    session,
    atomically: (work) => (session ? work(session) : runTransaction(connection, work)),
  };
}

/**
 * Runs `work` in a new transaction on `connection`. On a transient conflict (two transactions
 * writing the same document) the driver aborts and runs `work` again, so `work` must not have
 * effects outside the store.
 */
export function runTransaction<T>(connection: Connection, work: (session: ClientSession) => Promise<T>): Promise<T> {
  return connection.transaction(work, transactionOptions);
}
