import { formatDateTime } from '../../src/i18n/format';
import { ADA, AUTUMN, BO, CLEO, createCommunity, GRACE, post, spaceCourseOf, SPRING } from '../alumni/support';
import type { ReceivedMail } from '../support/mailbox';
import { act, postThread } from '../support/room';
import { choose, personIdOf, startDigestFixture, type DigestFixture } from './support';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/**
 * Beyond the discussion room: upcoming hotseats in the person's courses, answers to their hotseat
 * questions, questions staff routed to them, and "Ask alumni" questions matching their expertise;
 * and a digest in the language of the person's launch.
 */
describe('what else a digest holds', () => {
  let d: DigestFixture;
  let base: string;
  let spring: string;
  let space: string;
  let hotseatId: string;
  let questionId: string;
  let routedId: string;
  let askedId: string;
  let startsAt: Date;
  let ada: ReceivedMail;
  let bo: ReceivedMail;

  beforeAll(async () => {
    d = await startDigestFixture();
    base = d.f.env.PUBLIC_URL!;
    const [grace, adaBrowser, boBrowser, cleo] = [d.f.browser(), d.f.browser(), d.f.browser(), d.f.browser()];
    spring = await d.launch(grace, GRACE, SPRING);
    await d.launch(adaBrowser, ADA, SPRING);
    await d.launch(boBrowser, { ...BO, locale: 'es-ES' }, SPRING);

    // A hotseat in two days, open for questions now: Ada asks, Grace answers ahead of the session.
    startsAt = new Date(d.f.now().getTime() + 2 * DAY);
    const schedule = (fields: Record<string, unknown>) => act(grace, spring, `/c/${spring}/hotseats`, {
      description: 'Chapter 3', opensAt: '', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + HOUR).toISOString(), publish: true, ...fields,
    });
    hotseatId = (await schedule({ title: 'Ask the author' })).body.data.id;
    await schedule({ title: 'Still a draft', publish: false });
    await schedule({ title: 'Next month', startsAt: new Date(startsAt.getTime() + 20 * DAY).toISOString(), endsAt: new Date(startsAt.getTime() + 20 * DAY + HOUR).toISOString() });
    const asked = await act(adaBrowser, spring, `/c/${spring}/hotseats/${hotseatId}/questions`, { body: 'Why chapter 3?' });
    questionId = asked.body.data.id;
    expect((await act(grace, spring, `/c/${spring}/hotseats/${hotseatId}/questions/${questionId}/moderate`, { action: 'answer', body: 'It is the core.' })).status).toBe(200);

    // Staff route Bo's unanswered question to Ada.
    routedId = (await postThread(boBrowser, spring, { title: 'Which microscope?', body: 'For cells', kind: 'question' })).id;
    const routed = await act(grace, spring, `/c/${spring}/care/unanswered/${routedId}/route`, { personIds: [await personIdOf(d, spring, ADA.name)] });
    expect(routed.status).toBe(200);

    // Ada graduates into the alumni community and says she is happy to be asked about statistics.
    const communityId = await createCommunity(grace, spring);
    await post(grace, `/c/${spring}/alumni/graduate`, {}, `/c/${spring}/alumni`);
    const graceAutumn = d.f.browser();
    const autumn = await d.launch(graceAutumn, GRACE, AUTUMN);
    await post(graceAutumn, `/c/${autumn}/alumni/join`, { communityId }, `/c/${autumn}/alumni`);
    await d.launch(cleo, CLEO, AUTUMN);
    await post(adaBrowser, `/alumni/${communityId}/profile`, { visible: true, displayName: 'Ada L.', tags: 'statistics', happyToBeAsked: true }, `/alumni/${communityId}`);
    const question = await post(cleo, `/alumni/${communityId}/ask`, { title: 'Which test for two small samples?', body: 'Help', tags: 'Statistics' }, `/alumni/${communityId}`);
    expect(question.body.data.notified).toBe(1);
    askedId = question.body.data.thread.id;
    space = await spaceCourseOf(d.f.agora, communityId);

    await choose(adaBrowser, spring, 'instant');
    await choose(boBrowser, spring, 'instant');
    await d.job().run();
    [ada, bo] = [d.mailbox.to(ADA.email!)[0]!, d.mailbox.to(BO.email!)[0]!];
  });
  afterAll(() => d.close());

  it('announces upcoming hotseats of the person\'s courses, with when they start', () => {
    expect(ada.text).toContain(`Upcoming hotseat “Ask the author” starts ${formatDateTime('en', startsAt)}`);
    expect(ada.text).toContain(`${base}/c/${spring}/hotseats/${hotseatId}\n`);
  });

  it('leaves out drafts and hotseats that are more than a week away', () => {
    expect(ada.text).not.toContain('Still a draft');
    expect(ada.text).not.toContain('Next month');
  });

  it('holds the answer to the person\'s hotseat question, linked to the question', () => {
    expect(ada.text).toContain('Grace Hopper answered your question in the hotseat “Ask the author”');
    expect(ada.text).toContain(`${base}/c/${spring}/hotseats/${hotseatId}#question-${questionId}`);
  });

  it('holds a question staff routed to the person', () => {
    expect(ada.text).toContain('Course staff think you can help answer “Which microscope?”');
    expect(ada.text).toContain(`${base}/c/${spring}/discussion/threads/${routedId}`);
  });

  it('holds an "Ask alumni" question matching the person\'s expertise, under the alumni community', () => {
    const section = ada.text.slice(ada.text.indexOf('Biology 101 alumni'));
    expect(section).toContain('Cleo Autumn asked alumni a question that matches your expertise: “Which test for two small samples?”');
    expect(section).toContain(`${base}/c/${space}/discussion/threads/${askedId}`);
  });

  it('writes the digest in the language of the person\'s launch', () => {
    expect(bo.headers.get('subject')).toBe('Agora: 1 novedad para ti');
    expect(bo.text).toContain('Hola, Bo Diddley:');
    expect(bo.text).toContain(`La sesión hotseat «Ask the author» empieza el ${formatDateTime('es', startsAt)}`);
    expect(bo.text).toContain('Darme de baja: ');
    expect(bo.html).toContain('<html lang="es">');
  });
});
