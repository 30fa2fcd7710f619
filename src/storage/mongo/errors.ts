/** MongoDB's error code for a write that breaks a unique index. */
const DUPLICATE_KEY = 11000;

/**
 * Whether `error` is a duplicate-key error. Only ever catch one outside a transaction: inside one,
 * the server has already aborted the transaction, and swallowing the error would make the driver
 * retry the commit in vain. Repositories check `ctx.session` before they recover from one.
 */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY;
}
