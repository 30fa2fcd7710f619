import { signUnsubscribeToken } from '../../src/auth/unsubscribe-links';
import { loadConfig } from '../../src/config';
import { ADA, BO, GRACE, SPRING } from '../alumni/support';
import type { Browser } from '../support/launch';
import { postThread } from '../support/room';
import { choose, minutes, personIdOf, startDigestFixture, type DigestFixture } from './support';

/**
 * The unsubscribe link in every digest: no sign-in needed; opening it (as mail scanners do) changes
 * nothing; the button, or a mail client's one-click POST (RFC 8058), unsubscribes; a link that was
 * changed or is too old is refused with a page that says what to do.
 */
describe('unsubscribing from digests', () => {
  let d: DigestFixture;
  let spring: string;
  let grace: Browser;
  let ada: Browser;
  let bo: Browser;
  let adaId: string;
  let link: string;
  const frequencyOf = async (personId: string) => (await d.f.agora.storage.digests.findPreference(personId))?.frequency;
  const stranger = () => d.f.browser();

  beforeAll(async () => {
    d = await startDigestFixture();
    [grace, ada, bo] = [d.f.browser(), d.f.browser(), d.f.browser()];
    spring = await d.launch(grace, GRACE, SPRING);
    await d.launch(ada, ADA, SPRING);
    await d.launch(bo, { ...BO, locale: 'es' }, SPRING);
    await choose(ada, spring, 'instant');
    await choose(bo, spring, 'instant');
    adaId = await personIdOf(d, spring, ADA.name);
    await postThread(grace, spring, { title: 'Welcome', body: 'Hello', kind: 'announcement' });
    d.setClock(minutes(d.f.now(), 1));
    await d.job().run();
    link = new URL(d.mailbox.to(ADA.email!)[0]!.headers.get('list-unsubscribe')!.slice(1, -1)).pathname;
  });
  afterAll(() => d.close());

  it('shows a page with one button when the link is opened, and changes nothing', async () => {
    const opened = await stranger().get(link);
    expect(opened.status).toBe(200);
    expect(opened.text).toContain('<h1>Unsubscribe from Agora digests</h1>');
    expect(opened.text).toMatch(new RegExp(`<form method="post" action="${link.replace(/[.]/g, '\\.')}">`));
    expect(opened.text).toContain('<button type="submit">Unsubscribe</button>');
    expect((await stranger().get(link)).status).toBe(200);
    expect(await frequencyOf(adaId)).toBe('instant');
  });

  it('unsubscribes with the button, without signing in; no digest follows', async () => {
    const done = await stranger().post(link).type('form').send({});
    expect(done.status).toBe(200);
    expect(done.text).toContain('You are unsubscribed');
    expect(await frequencyOf(adaId)).toBe('none');
    await postThread(grace, spring, { title: 'After unsubscribing', body: 'Hello', kind: 'announcement' });
    d.setClock(minutes(d.f.now(), 1));
    await d.job().run();
    expect(d.mailbox.to(ADA.email!)).toHaveLength(1);
  });

  it('unsubscribes with a mail client\'s one-click POST (RFC 8058)', async () => {
    await choose(ada, spring, 'weekly');
    const oneClick = await stranger().post(link).set('Content-Type', 'application/x-www-form-urlencoded').send('List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(200);
    expect(await frequencyOf(adaId)).toBe('none');
  });

  it('works from a browser signed in to Agora too (the page carries the session\'s CSRF token)', async () => {
    await choose(ada, spring, 'daily');
    const opened = await ada.get(link);
    const token = /name="_csrf" value="([^"]+)"/.exec(opened.text)![1]!;
    expect((await ada.post(link).type('form').send({ _csrf: token })).status).toBe(200);
    expect(await frequencyOf(adaId)).toBe('none');
  });

  it('refuses a link that was changed, with a page that says what to do', async () => {
    await choose(ada, spring, 'daily');
    const boId = await personIdOf(d, spring, BO.name);
    const last = link.at(-1) === 'A' ? 'B' : 'A';
    const forged = [`${link.slice(0, -1)}${last}`, link.replace(adaId, boId), `${link}x`, '/email/unsubscribe/nonsense'];
    for (const path of forged) {
      const opened = await stranger().get(path);
      expect(opened.status).toBe(400);
      expect(opened.text).toContain('This unsubscribe link does not work');
      expect((await stranger().post(path).type('form').send({})).status).toBe(400);
    }
    const json = await stranger().post(forged[0]!).set('Accept', 'application/json').send({});
    expect(json.body.error.code).toBe('UNSUBSCRIBE_LINK_INVALID');
    expect(await frequencyOf(adaId)).toBe('daily');
    expect(await frequencyOf(boId)).toBe('instant');
  });

  it('refuses a link older than 90 days', async () => {
    const { secret } = loadConfig(d.f.env);
    const old = `/email/unsubscribe/${signUnsubscribeToken(secret, adaId, new Date(d.f.now().getTime() - 91 * 86_400_000))}`;
    const opened = await stranger().get(old);
    expect(opened.status).toBe(410);
    expect(opened.text).toContain('This unsubscribe link has expired');
    expect((await stranger().post(old).type('form').send({})).status).toBe(410);
    expect(await frequencyOf(adaId)).toBe('daily');
    const recent = `/email/unsubscribe/${signUnsubscribeToken(secret, adaId, new Date(d.f.now().getTime() - 89 * 86_400_000))}`;
    expect((await stranger().get(recent)).status).toBe(200);
  });

  it('speaks the language of the person the link is for', async () => {
    const boLink = new URL(d.mailbox.to(BO.email!)[0]!.headers.get('list-unsubscribe')!.slice(1, -1)).pathname;
    const opened = await stranger().get(boLink);
    expect(opened.text).toContain('Darse de baja de los resúmenes de Agora');
    expect(opened.text).toContain('<button type="submit">Darme de baja</button>');
  });
});
