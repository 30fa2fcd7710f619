import { ADA, BO, GRACE, SPRING } from '../alumni/support';
import { countRows } from '../support/db';
import type { Browser } from '../support/launch';
import { act, postThread } from '../support/room';
import { choose, minutes, personIdOf, startDigestFixture, type DigestFixture } from './support';

/** A person's digest records are theirs: in their personal export, and gone when they erase their data. */
describe('digests and personal data', () => {
  let d: DigestFixture;
  let spring: string;
  let ada: Browser;
  let adaId: string;
  let boId: string;
  let link: string;
  const TABLES = ['digest_preferences', 'digest_deliveries', 'digest_retries'];

  beforeAll(async () => {
    d = await startDigestFixture();
    const [grace, bo] = [d.f.browser(), d.f.browser()];
    ada = d.f.browser();
    spring = await d.launch(grace, GRACE, SPRING);
    await d.launch(ada, ADA, SPRING);
    await d.launch(bo, BO, SPRING);
    await choose(ada, spring, 'instant');
    await choose(bo, spring, 'instant');
    await postThread(grace, spring, { title: 'Welcome', body: 'Hello', kind: 'announcement' });
    d.setClock(minutes(d.f.now(), 1));
    // Ada's first attempt fails (a back-off is recorded), the next one goes out.
    d.mailbox.refuse(1);
    const first = await d.job().run();
    expect(first.failed.length + first.sent.length).toBe(2);
    d.setClock(minutes(d.f.now(), 6 * 60 + 1));
    await d.job().run();
    await postThread(grace, spring, { title: 'Second', body: 'Hello', kind: 'announcement' });
    d.mailbox.refuse(2);
    d.setClock(minutes(d.f.now(), 1));
    await d.job().run();
    [adaId, boId] = [await personIdOf(d, spring, ADA.name), await personIdOf(d, spring, BO.name)];
    link = new URL(d.mailbox.to(ADA.email!)[0]!.headers.get('list-unsubscribe')!.slice(1, -1)).pathname;
  });
  afterAll(() => d.close());

  it('puts the person\'s digest choice and what digests sent them in their export', async () => {
    const data = JSON.parse((await ada.get(`/c/${spring}/my-data/export.json`)).text);
    expect(data.emailDigests.frequency).toBe('instant');
    expect(data.emailDigests.sent).toHaveLength(1);
    expect(data.emailDigests.sent[0]).toMatchObject({ item: expect.stringMatching(/^notification:/), sentAt: expect.any(String) });
    expect(data.emailDigests.lastFailedSend).toMatchObject({ at: expect.any(String) });
  });

  it('erases the person\'s digest choice, sent log and back-off with their data, and nobody else\'s', async () => {
    expect((await d.f.agora.storage.digests.collect(adaId)).deliveries).toHaveLength(1);
    const erased = await act(ada, spring, `/c/${spring}/my-data/erase`, { confirmation: 'erase my data' });
    expect(erased.status).toBe(200);
    expect(await d.f.agora.storage.digests.collect(adaId)).toEqual({ preference: null, deliveries: [], retry: null });
    const bo = await d.f.agora.storage.digests.collect(boId);
    expect(bo.preference).not.toBeNull();
    expect(bo.deliveries.length).toBeGreaterThan(0);
    expect(countRows(d.f.dataDir, TABLES)).toEqual({ digest_preferences: 1, digest_deliveries: bo.deliveries.length, digest_retries: bo.retry ? 1 : 0 });
  });

  it('leaves nothing for the unsubscribe link to change once the person is erased', async () => {
    expect((await d.f.browser().get(link)).text).toContain('Agora holds no data about you any more');
    const response = await d.f.browser().post(link).type('form').send({});
    expect(response.status).toBe(200);
    expect(response.text).toContain('Agora holds no data about you any more');
    expect(await d.f.agora.storage.digests.findPreference(adaId)).toBeNull();
  });
});
