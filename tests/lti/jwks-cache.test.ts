import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwksCache } from '../../src/lti/jwks-cache';

/**
 * The platform key cache against a real local JWKS server whose keys, availability and request
 * count the test controls, with a clock of the test's own.
 */
describe('platform key cache', () => {
  let server: http.Server;
  let url: string;
  let requests = 0;
  let down = false;
  let published: Array<Record<string, unknown>> = [];
  let clock = 0;

  const rsaJwk = (kid: string, extra: Record<string, unknown> = {}) => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return { ...(publicKey as KeyObject).export({ format: 'jwk' }), kid, ...extra };
  };

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      requests += 1;
      if (down) res.writeHead(503).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    requests = 0;
    down = false;
    clock = 1_000_000;
    published = [rsaJwk('a'), rsaJwk('b', { use: 'sig', alg: 'RS256' })];
  });
  const cache = () => new JwksCache({ now: () => clock, maxAgeMs: 60_000, minRefetchMs: 10_000, staleMs: 600_000 });

  it('fetches once and serves every known key from memory until the keys are an hour old', async () => {
    const keys = cache();
    expect(await keys.keyFor(url, 'a')).not.toBeNull();
    expect(await keys.keyFor(url, 'b')).not.toBeNull();
    expect(requests).toBe(1);
    clock += 60_001;
    expect(await keys.keyFor(url, 'a')).not.toBeNull();
    expect(requests).toBe(2);
  });

  it('shares one request among launches arriving together', async () => {
    const keys = cache();
    const found = await Promise.all(Array.from({ length: 5 }, () => keys.keyFor(url, 'a')));
    expect(found.every(Boolean)).toBe(true);
    expect(requests).toBe(1);
  });

  it('refetches for an unknown key id at most once per interval', async () => {
    const keys = cache();
    await keys.keyFor(url, 'a');
    published.push(rsaJwk('new'));
    expect(await keys.keyFor(url, 'new')).not.toBeNull();
    expect(requests).toBe(2);
    expect(await keys.keyFor(url, 'unknown-1')).toBeNull();
    expect(await keys.keyFor(url, 'unknown-2')).toBeNull();
    expect(requests).toBe(2);
    clock += 10_000;
    expect(await keys.keyFor(url, 'unknown-3')).toBeNull();
    expect(requests).toBe(3);
  });

  it('keeps using keys it has when the LMS cannot be reached, for a while', async () => {
    const keys = cache();
    await keys.keyFor(url, 'a');
    down = true;
    clock += 120_000;
    expect(await keys.keyFor(url, 'a')).not.toBeNull();
    clock += 600_000;
    await expect(keys.keyFor(url, 'a')).rejects.toMatchObject({ code: 'LTI_KEYS_UNREACHABLE', status: 503, message: expect.stringContaining('answered 503') });
  });

  it('ignores keys that are not RS256 signing keys, and malformed ones', async () => {
    published = [rsaJwk('enc', { use: 'enc' }), rsaJwk('ps', { alg: 'PS256' }), { kty: 'EC', kid: 'ec', crv: 'P-256', x: 'x', y: 'y' }, { kty: 'RSA', kid: 'broken', n: '!!', e: 'AQAB' }, rsaJwk('good')];
    const keys = cache();
    for (const kid of ['enc', 'ps', 'ec', 'broken']) {
      clock += 10_000;
      expect(await keys.keyFor(url, kid)).toBeNull();
    }
    expect(await keys.keyFor(url, 'good')).not.toBeNull();
  });

  it('says in words when the key set cannot be read', async () => {
    down = true;
    await expect(cache().keyFor(url, 'a')).rejects.toMatchObject({ message: expect.stringMatching(/could not read your LMS's signing keys at .* \(it answered 503\)/) });
    await expect(cache().keyFor('http://127.0.0.1:1/jwks', 'a')).rejects.toMatchObject({ message: expect.stringContaining('no connection') });
  });
});
