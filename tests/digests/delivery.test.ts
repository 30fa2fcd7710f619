import fs from 'node:fs';
import path from 'node:path';
import { notificationItemKey } from '../../src/domain/digest';
import { ADA, GRACE, SPRING } from '../alumni/support';
import type { Browser } from '../support/launch';
import { postThread } from '../support/room';
import { choose, minutes, personIdOf, startDigestFixture, type DigestFixture } from './support';

/**
 * Delivery: through a real SMTP server, with the one-click unsubscribe headers; and never the same
 * item twice, whatever happens: two runs, a restart on the same data, two processes racing, a
 * mail server refusing a message for a while, a process dying in the middle of a send.
 */
describe('delivering digests', () => {
  let d: DigestFixture;
  let spring: string;
  let grace: Browser;
  let adaId: string;
  let n = 0;
  const adaMail = () => d.mailbox.to(ADA.email!);
  /** A new item for Ada (an announcement), a minute after the last one. */
  const announce = async (title: string) => {
    n += 1;
    d.setClock(minutes(d.f.now(), 1));
    return postThread(grace, spring, { title, body: `Announcement ${n}`, kind: 'announcement' });
  };

  beforeAll(async () => {
    d = await startDigestFixture();
    grace = d.f.browser();
    const ada = d.f.browser();
    spring = await d.launch(grace, GRACE, SPRING);
    await d.launch(ada, ADA, SPRING);
    await choose(ada, spring, 'instant');
    adaId = await personIdOf(d, spring, ADA.name);
  });
  afterAll(() => d.close());

  it('sends through SMTP with the headers mail clients need for one-click unsubscribe', async () => {
    await announce('Welcome');
    await d.job().run();
    expect(adaMail()).toHaveLength(1);
    const mail = adaMail()[0]!;
    expect(mail.to).toEqual([ADA.email]);
    expect(mail.headers.get('from')).toBe('Agora <agora@uni.example>');
    expect(mail.headers.get('subject')).toBe('Agora: 1 new item for you');
    expect(mail.headers.get('list-unsubscribe')).toMatch(new RegExp(`^<${d.f.env.PUBLIC_URL}/email/unsubscribe/v1\\.${adaId}\\.[0-9a-z]+\\.[A-Za-z0-9_-]{43}>$`));
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain(mail.headers.get('list-unsubscribe')!.slice(1, -1));
  });

  it('never sends an item twice: a second run finds nothing new', async () => {
    const report = await d.job().run();
    expect(report.sent).toEqual([]);
    expect(adaMail()).toHaveLength(1);
    const { deliveries } = await d.f.agora.storage.digests.collect(adaId);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.sentAt).not.toBeNull();
  });

  it('never sends an item twice across a restart on the same data', async () => {
    await announce('Before the restart');
    await d.job().run();
    expect(adaMail()).toHaveLength(2);
    await d.f.restart();
    await d.job().run();
    expect(adaMail()).toHaveLength(2);
    await announce('After the restart');
    await d.job().run();
    expect(adaMail()).toHaveLength(3);
    expect(adaMail()[2]!.text).toContain('“After the restart”');
    expect(adaMail()[2]!.text).not.toContain('Before the restart');
  });

  it('sends an item once when two processes run the job at the same moment', async () => {
    await announce('Race');
    const reports = await Promise.all([d.job().run(), d.job().run(), d.job().run()]);
    expect(reports.flatMap((r) => r.sent)).toHaveLength(1);
    expect(adaMail()).toHaveLength(4);
    expect(adaMail().filter((m) => m.text.includes('“Race”'))).toHaveLength(1);
  });

  it('retries a digest the mail server refused, later, and sends it once', async () => {
    await announce('Refused once');
    d.mailbox.refuse(1);
    const failed = await d.job().run();
    expect(failed.failed).toHaveLength(1);
    expect(adaMail()).toHaveLength(4);
    const retry = await d.f.agora.storage.digests.findRetry(adaId);
    expect(retry).toMatchObject({ attempts: 1 });
    // The claim was released: nothing is marked as delivered.
    expect((await d.f.agora.storage.digests.collect(adaId)).deliveries.filter((x) => x.sentAt === null)).toEqual([]);

    // Too early: the digest waits out its back-off.
    d.setClock(minutes(d.f.now(), 2));
    await d.job().run();
    expect(adaMail()).toHaveLength(4);

    d.setClock(minutes(retry!.retryAfter, 1));
    await d.job().run();
    await d.job().run();
    expect(adaMail()).toHaveLength(5);
    expect(adaMail()[4]!.text).toContain('“Refused once”');
    expect(await d.f.agora.storage.digests.findRetry(adaId)).toBeNull();
  });

  it('does not send again what a process claimed before it died mid-send (at most once)', async () => {
    const thread = await announce('Claimed by a dead process');
    const notification = (await d.f.agora.storage.notifications.listForPerson(adaId, spring, 10)).find((x) => x.threadId === thread.id)!;
    await d.f.agora.storage.digests.claim({ personId: adaId, claimId: 'dead-process', itemKeys: [notificationItemKey(notification.id)], at: d.f.now() });
    await d.job().run();
    expect(adaMail()).toHaveLength(5);
  });
});

describe('delivering digests without a mail server', () => {
  it('writes the digest to the local outbox, one .eml file per message', async () => {
    const d = await startDigestFixture({ SMTP_URL: '' });
    try {
      const [grace, ada] = [d.f.browser(), d.f.browser()];
      const spring = await d.launch(grace, GRACE, SPRING);
      await d.launch(ada, ADA, SPRING);
      await choose(ada, spring, 'instant');
      await postThread(grace, spring, { title: 'Into the outbox', body: 'Hello', kind: 'announcement' });
      d.setClock(minutes(d.f.now(), 1));
      await d.job().run();
      const outbox = path.join(d.f.dataDir, 'outbox');
      const files = fs.readdirSync(outbox).filter((name) => name.endsWith('.eml'));
      expect(files).toHaveLength(1);
      const raw = fs.readFileSync(path.join(outbox, files[0]!), 'utf8');
      expect(raw).toContain('To: ada@uni.example');
      expect(raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(d.mailbox.received).toHaveLength(0);
    } finally {
      await d.close();
    }
  });
});
