import { createPrivateKey, randomUUID, sign, verify, type KeyObject } from 'node:crypto';

/**
 * The little JWT work LTI needs, on node:crypto alone: RS256 only, in both directions. No
 * algorithm is ever taken from the token itself, so `none` and HS256 key confusion cannot arise.
 */
export interface DecodedJwt {
  header: unknown;
  payload: unknown;
  /** `header.payload`, the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
}

/** Splits and parses a compact JWT without trusting it; null when it is not one. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[\w-]*$/.test(part))) return null;
  try {
    return {
      header: JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')),
      payload: JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')),
      signingInput: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2]!, 'base64url'),
    };
  } catch {
    return null;
  }
}

/** True when `jwt` carries a valid RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signature by `key`. */
export function hasValidRs256Signature(jwt: DecodedJwt, key: KeyObject): boolean {
  if (key.asymmetricKeyType !== 'rsa' || jwt.signature.length === 0) return false;
  try {
    return verify('sha256', Buffer.from(jwt.signingInput), key, jwt.signature);
  } catch {
    return false;
  }
}

/** Signs `payload` with RS256; adds iat, exp (lifetime) and a random jti unless given. */
export function signRs256(payload: Record<string, unknown>, privateKeyPem: string, kid: string, options: { now: Date; lifetimeSeconds: number }): string {
  const iat = Math.floor(options.now.getTime() / 1000);
  const body = { iat, exp: iat + options.lifetimeSeconds, jti: randomUUID(), ...payload };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', typ: 'JWT', kid })}.${encode(body)}`;
  return `${input}.${sign('sha256', Buffer.from(input), createPrivateKey(privateKeyPem)).toString('base64url')}`;
}
