import { randomBytes } from 'node:crypto';

/** Opaque identifiers. Time-ordered (ULID layout) so lists can page by id without a second sort key. */
export type Id = string;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newId(now: number = Date.now()): Id {
  let time = '';
  let ms = now;
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  const random = randomBytes(16);
  let tail = '';
  for (let i = 0; i < 16; i += 1) tail += CROCKFORD[random[i]! % 32];
  return time + tail;
}

/** A random secret fit for tokens, cookies and states (256 bits, URL-safe). */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
