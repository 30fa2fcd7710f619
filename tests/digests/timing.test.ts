import type { DigestJob } from '../../src/commands/digest/job';
import { ADA, BO, CLEO, GRACE, SPRING, type Person } from '../alumni/support';
import type { Browser } from '../support/launch';
import { postReply, postThread } from '../support/room';
import { choose, minutes, nextMondayMorning, nextUtcHour, startDigestFixture, type DigestFixture } from './support';

/**
 * When digests go out, on a clock the test moves: instant ones at the next run after the item,
 * daily ones at 07:00 UTC with what came before, weekly ones on Mondays at 07:00 UTC (also for
 * someone who never chose: the default), never for someone who chose none.
 */
describe('when digests go out', () => {
  let d: DigestFixture;
  let job: DigestJob;
  let spring: string;
  let grace: Browser;
  let ada: Browser;
  let bo: Browser;
  const DAN: Person = { sub: 'dan', name: 'Dan None', email: 'dan@uni.example' };
  // A Wednesday morning, at least a day away: items appear then, and the test walks the clock on.
  let wednesday: Date;
  let thursday: Date;
  let monday: Date;
  const count = (who: Person) => d.mailbox.to(who.email!).length;

  beforeAll(async () => {
    d = await startDigestFixture();
    [grace, ada, bo] = [d.f.browser(), d.f.browser(), d.f.browser()];
    const [cleo, dan] = [d.f.browser(), d.f.browser()];
    spring = await d.launch(grace, GRACE, SPRING);
    await d.launch(ada, ADA, SPRING);
    await d.launch(bo, BO, SPRING);
    await d.launch(cleo, CLEO, SPRING);
    await d.launch(dan, DAN, SPRING);
    await choose(ada, spring, 'instant');
    await choose(bo, spring, 'daily');
    await choose(grace, spring, 'weekly');
    await choose(dan, spring, 'none');
    // Cleo never chooses: she gets the default.

    wednesday = new Date(Date.now() + 24 * 3600 * 1000);
    while (wednesday.getUTCDay() !== 3) wednesday.setUTCDate(wednesday.getUTCDate() + 1);
    wednesday.setUTCHours(10, 0, 0, 0);
    thursday = nextUtcHour(wednesday, 7);
    monday = nextMondayMorning(wednesday);

    d.setClock(wednesday);
    const announcement = await postThread(grace, spring, { title: 'Exam moved', body: 'To Friday', kind: 'announcement' });
    await postThread(bo, spring, { title: 'Study group', body: '@ada.lovelace join us?' });
    await postReply(ada, spring, announcement.id, { body: 'Thanks!' });
    job = d.job();
  });
  afterAll(() => d.close());

  it('sends an instant digest at the next run, everything so far in one email', async () => {
    d.setClock(minutes(wednesday, 1));
    await job.run();
    expect(count(ADA)).toBe(1);
    const mail = d.mailbox.to(ADA.email!)[0]!;
    expect(mail.text).toContain('Grace Hopper posted an announcement: “Exam moved”');
    expect(mail.text).toContain('Bo Diddley mentioned you in “Study group”');
    expect([count(BO), count(GRACE), count(CLEO), count(DAN)]).toEqual([0, 0, 0, 0]);
  });

  it('sends a later item to an instant reader at the following run, on its own', async () => {
    d.setClock(minutes(wednesday, 2));
    await postThread(bo, spring, { title: 'Second thought', body: '@ada.lovelace also this' });
    d.setClock(minutes(wednesday, 3));
    await job.run();
    expect(count(ADA)).toBe(2);
    const second = d.mailbox.to(ADA.email!)[1]!;
    expect(second.text).toContain('“Second thought”');
    expect(second.text).not.toContain('Exam moved');
  });

  it('holds a daily digest until 07:00 UTC, then sends what came before', async () => {
    d.setClock(minutes(thursday, -2));
    await job.run();
    expect(count(BO)).toBe(0);
    d.setClock(minutes(thursday, 1));
    await job.run();
    expect(count(BO)).toBe(1);
    expect(d.mailbox.to(BO.email!)[0]!.headers.get('subject')).toBe('Your daily Agora digest: 1 new item');
    expect(d.mailbox.to(BO.email!)[0]!.text).toContain('Grace Hopper posted an announcement: “Exam moved”');
  });

  it('keeps what arrives after 07:00 for the next day\'s digest', async () => {
    d.setClock(minutes(thursday, 60));
    await postThread(grace, spring, { title: 'Reading list', body: 'Chapter 4', kind: 'announcement' });
    d.setClock(minutes(thursday, 120));
    await job.run();
    expect(count(BO)).toBe(1);
    d.setClock(minutes(thursday, 24 * 60 + 1));
    await job.run();
    expect(count(BO)).toBe(2);
    const friday = d.mailbox.to(BO.email!)[1]!;
    expect(friday.text).toContain('“Reading list”');
    expect(friday.text).not.toContain('Exam moved');
  });

  it('holds a weekly digest until Monday 07:00 UTC, for those who chose it and those who never chose', async () => {
    d.setClock(minutes(monday, -2));
    await job.run();
    expect([count(GRACE), count(CLEO)]).toEqual([0, 0]);
    d.setClock(minutes(monday, 1));
    await job.run();
    expect([count(GRACE), count(CLEO)]).toEqual([1, 1]);
    const cleo = d.mailbox.to(CLEO.email!)[0]!;
    expect(cleo.headers.get('subject')).toBe('Your weekly Agora digest: 2 new items');
    expect(cleo.text).toContain('Agora sends a weekly digest unless you choose otherwise');
    expect(d.mailbox.to(GRACE.email!)[0]!.text).toContain('Ada Lovelace replied in “Exam moved”');
  });

  it('never emails someone who chose no digests', async () => {
    d.setClock(minutes(monday, 7 * 24 * 60 + 1));
    await job.run();
    expect(count(DAN)).toBe(0);
  });
});
