/**
 * Opaque cursors for keyset pagination over (pinned, sort key, id), shared by every adapter so a
 * cursor means the same thing whichever store made it.
 */
export interface Keyset {
  pinned: number;
  key: number;
  id: string;
}

export function encodeKeyset(keyset: Keyset): string {
  return Buffer.from(JSON.stringify([keyset.pinned, keyset.key, keyset.id])).toString('base64url');
}

/** Null for anything that is not a cursor we made: a tampered cursor just starts from the top. */
export function decodeKeyset(cursor: string): Keyset | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [pinned, key, id] = value as unknown[];
    if (typeof pinned !== 'number' || typeof key !== 'number' || typeof id !== 'string') return null;
    return { pinned, key, id };
  } catch {
    return null;
  }
}
