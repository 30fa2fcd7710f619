import { AppError } from './errors';

/**
 * "The database cannot be reached or written right now" is not a bug: the person should hear that
 * Agora cannot save and that trying again shortly will work, with a 503, not an apology for an
 * internal error. The drivers' errors are recognised by their stable codes and names here (without
 * importing the drivers), so the HTTP error handler and the socket handlers answer alike.
 */
export const STORAGE_UNAVAILABLE_MESSAGE = 'errors.storageUnavailable';

export function storageUnavailable(): AppError {
  return new AppError('STORAGE_UNAVAILABLE', 503, STORAGE_UNAVAILABLE_MESSAGE);
}

/** SQLite result codes (better-sqlite3's `code`) that mean the file is locked, read-only, full or unreachable. */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|READONLY|IOERR|FULL|CANTOPEN|PROTOCOL|NOLFS)(_|$)/;
/** MongoDB driver errors that mean the server cannot be reached or did not answer. */
const MONGO_UNAVAILABLE = /^Mongo(ServerSelection|Network|NetworkTimeout|NotConnected|TopologyClosed|PoolCleared|ServerClosed)Error$/;

export function isStorageUnavailableError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && SQLITE_UNAVAILABLE.test(code)) return true;
  if (typeof name === 'string' && MONGO_UNAVAILABLE.test(name)) return true;
  // mongoose queues operations while disconnected and gives up with this message.
  return name === 'MongooseError' && typeof message === 'string' && /buffering timed out/.test(message);
}
