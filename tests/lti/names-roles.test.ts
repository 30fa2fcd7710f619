import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchRoster, nextLink } from '../../src/lti/services/names-roles';

/** The roster reader against a real local service whose pages and links each test sets. */
describe('reading a roster page by page', () => {
  let server: http.Server;
  let base: string;
  let pages: Record<string, { members: unknown[]; link?: string }>;
  const seenAuth: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seenAuth.push(String(req.headers.authorization));
      const page = pages[req.url ?? ''];
      if (!page) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', ...(page.link ? { link: page.link } : {}) }).end(JSON.stringify({ members: page.members }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const m = (id: string) => ({ user_id: id, roles: ['Learner'] });

  it('follows rel="next" links, relative ones included, and sends the token each time', async () => {
    pages = {
      '/r': { members: [m('a'), m('b')], link: `<${base}/r?p=2>; rel="next", <${base}/r?diff=1>; rel="differences"` },
      '/r?p=2': { members: [m('c')], link: '</r?p=3>; rel="next"' },
      '/r?p=3': { members: [m('d')] },
    };
    seenAuth.length = 0;
    expect((await fetchRoster(`${base}/r`, 'tok')).map((x) => x.user_id)).toEqual(['a', 'b', 'c', 'd']);
    expect(seenAuth).toEqual(['Bearer tok', 'Bearer tok', 'Bearer tok']);
  });

  it('stops when the last page links back to an earlier one', async () => {
    pages = { '/r': { members: [m('a')], link: '</r?p=2>; rel="next"' }, '/r?p=2': { members: [m('b')], link: '</r>; rel="next"' } };
    expect((await fetchRoster(`${base}/r`, 'tok')).map((x) => x.user_id)).toEqual(['a', 'b']);
  });

  it('does not send its token to another site a next link points to', async () => {
    pages = { '/r': { members: [m('a')], link: '<https://elsewhere.example/r?p=2>; rel="next"' } };
    await expect(fetchRoster(`${base}/r`, 'tok')).rejects.toThrow('links its next page to another site (https://elsewhere.example)');
  });

  it('refuses the whole roster when one member cannot be read, rather than dropping that member', async () => {
    pages = { '/r': { members: [m('a'), { roles: ['Learner'] }] } };
    await expect(fetchRoster(`${base}/r`, 'tok')).rejects.toThrow('entry 2 has no user_id or roles');
  });

  it('says which address failed and how', async () => {
    await expect(fetchRoster(`${base}/missing`, 'tok')).rejects.toThrow(`The LMS roster service at ${base}/missing did not answer as expected (it answered 404).`);
  });

  it.each([
    ['<https://x.example/2>; rel="next"', 'https://x.example/2'],
    ['<https://x.example/2>; rel=next', 'https://x.example/2'],
    ['<https://x.example/1>; rel="prev", <https://x.example/3>; rel="first next"', 'https://x.example/3'],
    ['<https://x.example/9>; rel="last"', null],
    [null, null],
  ])('reads the next link of %j', (header, expected) => {
    expect(nextLink(header, 'https://x.example/1')).toBe(expected);
  });
});
