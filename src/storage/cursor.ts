/** Opaque cursor for (time, id) keyset pagination, shared by every adapter so cursors mean the same everywhere. */
export function encodeCursor(millis: number, id: string): string {
  return Buffer.from(`${millis}:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { millis: number; id: string } | null {
  const [millis, id] = Buffer.from(cursor, 'base64url').toString().split(':');
  const parsed = Number(millis);
  if (!id || !Number.isSafeInteger(parsed)) return null;
  return { millis: parsed, id };
}
