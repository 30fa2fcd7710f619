import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { unavailable, type ErrorParam } from '../domain/errors';

/**
 * Platform signing keys, fetched once and kept, instead of on every launch as ltijs does.
 *
 * Why Agora verifies launches itself rather than handing ltijs cached keys: ltijs reads the JWKS
 * URL from the platform record and fetches it inside its own validator, with no hook to supply keys.
 * Feeding it a cache would mean registering every platform with a JWKS URL served by Agora to
 * itself (which breaks behind proxies and changes what administrators see) or patching its HTTP
 * client. Verifying RS256 with node:crypto is a few lines, and it lets the launch guard check the
 * signature with the same keys, in the same place as every other claim. ltijs keeps the platform
 * registry, Agora's own key pairs and the /keys endpoint.
 *
 * Policy: keys are fresh for `maxAgeMs` (an hour); a token naming a key id we do not know triggers
 * one refetch (platforms publish a new key before they sign with it), at most once per
 * `minRefetchMs` per URL so forged key ids cannot make Agora hammer the LMS; concurrent launches
 * share one request. If the LMS cannot be reached, keys fetched within `staleMs` are still used.
 */
const Jwk = z.looseObject({
  kty: z.literal('RSA'),
  kid: z.string().min(1),
  n: z.string().regex(/^[\w-]+$/),
  e: z.string().regex(/^[\w-]+$/),
  use: z.string().optional(),
  alg: z.string().optional(),
});
const Jwks = z.object({ keys: z.array(z.unknown()) });

const MAX_JWKS_BYTES = 256 * 1024;

interface Entry {
  keys: Map<string, KeyObject>;
  fetchedAt: number;
}

export interface JwksCacheOptions {
  now?: () => number;
  maxAgeMs?: number;
  minRefetchMs?: number;
  staleMs?: number;
  timeoutMs?: number;
}

export class JwksCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Entry>>();
  private readonly lastUnknownKid = new Map<string, number>();
  private readonly now: () => number;
  private readonly maxAgeMs: number;
  private readonly minRefetchMs: number;
  private readonly staleMs: number;
  private readonly timeoutMs: number;

  constructor(options: JwksCacheOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxAgeMs = options.maxAgeMs ?? 60 * 60 * 1000;
    this.minRefetchMs = options.minRefetchMs ?? 10 * 1000;
    this.staleMs = options.staleMs ?? 24 * 60 * 60 * 1000;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /** The RSA public key with this key id at this JWKS URL, or null when the platform does not publish it. */
  async keyFor(jwksUrl: string, kid: string): Promise<KeyObject | null> {
    const cached = this.entries.get(jwksUrl);
    const age = cached ? this.now() - cached.fetchedAt : Infinity;
    if (cached && age < this.maxAgeMs && cached.keys.has(kid)) return cached.keys.get(kid)!;
    const fallback = () => (cached && age < this.staleMs ? (cached.keys.get(kid) ?? null) : null);

    const running = this.inFlight.get(jwksUrl);
    if (!running && cached && age < this.maxAgeMs) {
      // Fresh keys, but not this one: refetch for an unknown key id only once per interval.
      if (this.now() - (this.lastUnknownKid.get(jwksUrl) ?? -Infinity) < this.minRefetchMs) return null;
      this.lastUnknownKid.set(jwksUrl, this.now());
    }
    try {
      return (await (running ?? this.refresh(jwksUrl))).keys.get(kid) ?? null;
    } catch (error) {
      if (fallback()) return fallback();
      throw error;
    }
  }

  /** Forgets every key (tests, or an administrator changing a platform's JWKS URL). */
  clear(): void {
    this.entries.clear();
    this.lastUnknownKid.clear();
  }

  private refresh(jwksUrl: string): Promise<Entry> {
    const running = this.inFlight.get(jwksUrl);
    if (running) return running;
    const request = this.fetchKeys(jwksUrl)
      .then((entry) => {
        this.entries.set(jwksUrl, entry);
        return entry;
      })
      .finally(() => this.inFlight.delete(jwksUrl));
    this.inFlight.set(jwksUrl, request);
    return request;
  }

  private async fetchKeys(jwksUrl: string): Promise<Entry> {
    const unreachable = (why: ErrorParam) => unavailable('LTI_KEYS_UNREACHABLE', 'errors.ltiKeysUnreachable', { url: jwksUrl, why });
    let body: string;
    try {
      const response = await fetch(jwksUrl, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.timeoutMs) });
      if (!response.ok) throw unreachable({ key: 'errors.keysWhy.status', params: { status: String(response.status) } });
      body = await response.text();
    } catch (error) {
      if ((error as { code?: string }).code === 'LTI_KEYS_UNREACHABLE') throw error;
      throw unreachable({ key: (error as Error).name === 'TimeoutError' ? 'errors.keysWhy.timeout' : 'errors.keysWhy.noConnection' });
    }
    if (body.length > MAX_JWKS_BYTES) throw unreachable({ key: 'errors.keysWhy.tooLarge' });
    let parsed: z.infer<typeof Jwks>;
    try {
      parsed = Jwks.parse(JSON.parse(body));
    } catch {
      throw unreachable({ key: 'errors.keysWhy.notKeySet' });
    }
    const keys = new Map<string, KeyObject>();
    for (const candidate of parsed.keys) {
      const jwk = Jwk.safeParse(candidate);
      // Encryption keys and keys for other algorithms are not launch-signing keys.
      if (!jwk.success || (jwk.data.use !== undefined && jwk.data.use !== 'sig') || (jwk.data.alg !== undefined && jwk.data.alg !== 'RS256')) continue;
      try {
        const key = createPublicKey({ key: { kty: 'RSA', n: jwk.data.n, e: jwk.data.e }, format: 'jwk' });
        // Keys under 2048 bits are not accepted for signing LTI messages.
        if ((key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048) keys.set(jwk.data.kid, key);
      } catch {
        // A malformed key is skipped; the others still count.
      }
    }
    return { keys, fetchedAt: this.now() };
  }
}
