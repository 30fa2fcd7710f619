import { settleDueHotseats } from '../../src/commands/hotseat/phases';
import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import type { Browser } from '../support/launch';
import { threadPath } from '../support/room';
import { allowAnonymity, closeNow, launchLearner, liveHotseat, moderate, openHotseat, personIds, vote } from './people';
import { ask, askOk, hotseatAct, hotseatPath, scheduleHotseat, TestClock, view } from './support';

/** After it closes: a read-only archive with a summary; askers notified; no question lost. */
describe('the hotseat archive', () => {
  let f: CourseFixture;
  let cy: Browser;
  let ids: Record<string, string>;
  const clock = new TestClock();

  beforeAll(async () => {
    f = await startCourseFixture({ now: clock.now });
    cy = await launchLearner(f, 'cy', 'Cy Young');
    ids = await personIds(f);
    await allowAnonymity(f, 'everyone');
  });
  afterAll(() => f.close());

  const convert = (id: string, browser = f.grace) => hotseatAct(browser, f.courseId, id, '/convert');

  test('the closed page sums it up: questions, votes, answered and participants', async () => {
    const id = await liveHotseat(f, clock);
    const first = await askOk(f.ada, f.courseId, id, 'First');
    const second = await askOk(f.bo, f.courseId, id, 'Second');
    const withdrawn = await askOk(f.bo, f.courseId, id, 'Taken back');
    await hotseatAct(f.bo, f.courseId, id, `/questions/${withdrawn}/withdraw`);
    await vote(f.bo, f.courseId, id, first);
    await vote(cy, f.courseId, id, first);
    await vote(cy, f.courseId, id, second);
    await moderate(f.grace, f.courseId, id, first, { action: 'answer', body: 'Answered.' });
    await closeNow(f, id);
    // Two questions (the withdrawn one is not counted), three votes, one answered; Ada, Bo and Cy took part.
    expect((await view(f.ada, f.courseId, id)).summary).toEqual({ questions: 2, votes: 3, answered: 1, participants: 3 });
    const page = await f.ada.get(hotseatPath(f.courseId, id));
    expect(page.text.replace(/\s+/g, ' ')).toContain('<dt>Questions</dt><dd>2</dd></div> <div><dt>Answered</dt><dd>1</dd></div> <div><dt>Votes</dt><dd>3</dd></div> <div><dt>Participants</dt><dd>3</dd>');
  });

  test('the archive shows the answered questions first, then the unanswered ones', async () => {
    const id = await liveHotseat(f, clock);
    const unanswered = await askOk(f.ada, f.courseId, id, 'Nobody got to this one');
    await vote(f.bo, f.courseId, id, unanswered);
    const answered = await askOk(f.bo, f.courseId, id, 'This one got an answer');
    await moderate(f.grace, f.courseId, id, answered, { action: 'answer', body: 'Yes.' });
    await closeNow(f, id);
    const page = (await f.bo.get(hotseatPath(f.courseId, id))).text;
    expect(page.indexOf(`id="question-${answered}"`)).toBeGreaterThan(0);
    expect(page.indexOf(`id="question-${answered}"`)).toBeLessThan(page.indexOf(`id="question-${unanswered}"`));
  });

  test('the archive is read-only: no forms to ask, vote, follow up or moderate, and such posts are refused', async () => {
    const id = await liveHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'Before the end');
    await closeNow(f, id);
    // The only thing left to do on the page: staff may turn unanswered questions into threads.
    const formsOn = async (browser: Browser) => [...(await browser.get(hotseatPath(f.courseId, id))).text.matchAll(/<form[^>]* action="([^"]+)"/g)].map((m) => m[1]);
    expect(await formsOn(f.ada)).toEqual([]);
    expect(await formsOn(f.grace)).toEqual([`${hotseatPath(f.courseId, id)}/convert`]);
    expect((await ask(f.bo, f.courseId, id, 'After the end')).status).toBe(403);
    expect((await hotseatAct(f.bo, f.courseId, id, `/questions/${questionId}/follow-ups`, { body: 'Late follow-up' })).status).toBe(403);
    const answer = await moderate(f.grace, f.courseId, id, questionId, { action: 'answer', body: 'Late answer' });
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toMatch(/has closed/);
    expect((await f.agora.storage.hotseatQuestions.findById(f.courseId, questionId))!.status).toBe('open');
  });

  test('the asker is notified when their question is answered, on the course\'s notifications page, with a link to it', async () => {
    const id = await liveHotseat(f, clock, { title: 'Notifying session' });
    const questionId = await askOk(cy, f.courseId, id, 'Tell me when');
    await moderate(f.grace, f.courseId, id, questionId, { action: 'answer', body: 'Now.' });
    const page = await cy.get(`/c/${f.courseId}/notifications`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Grace Hopper answered your question in the hotseat');
    expect(page.text).toContain('Notifying session');
    expect(page.text).toContain(`${hotseatPath(f.courseId, id)}#question-${questionId}`);
    // Editing the answer later does not notify again.
    await moderate(f.grace, f.courseId, id, questionId, { action: 'answer', body: 'Now, with more detail.' });
    const all = await f.agora.storage.notifications.listForPerson(ids['Cy Young']!, f.courseId, 50);
    expect(all.filter((n) => n.kind === 'hotseat-answer' && n.replyId === questionId)).toHaveLength(1);
  });

  test('whoever asked a duplicate that was merged is told too when the question it joined is answered', async () => {
    const id = await liveHotseat(f, clock);
    const kept = await askOk(f.ada, f.courseId, id, 'What is ATP for?');
    const early = await askOk(f.bo, f.courseId, id, 'Why do cells need ATP?');
    await hotseatAct(f.grace, f.courseId, id, `/questions/${early}/merge`, { intoId: kept });
    await moderate(f.grace, f.courseId, id, kept, { action: 'answer', body: 'Energy.' });
    // A duplicate that joins a question already answered: its asker learns the answer is there.
    const late = await askOk(cy, f.courseId, id, 'ATP, what is it good for?');
    await hotseatAct(f.grace, f.courseId, id, `/questions/${late}/merge`, { intoId: kept });
    for (const name of ['Ada Lovelace', 'Bo Diddley', 'Cy Young']) {
      const notified = await f.agora.storage.notifications.listForPerson(ids[name]!, f.courseId, 50);
      expect({ name, count: notified.filter((n) => n.kind === 'hotseat-answer' && n.replyId === kept).length }).toEqual({ name, count: 1 });
    }
  });

  test('staff turn the unanswered questions into discussion threads in one step, by the same askers with the same anonymity', async () => {
    const id = await liveHotseat(f, clock, { title: 'Convertible session' });
    const named = await askOk(f.ada, f.courseId, id, 'Named and unanswered');
    const anonymous = await askOk(f.bo, f.courseId, id, 'Anonymous and unanswered', { anonymity: 'everyone' });
    const answered = await askOk(cy, f.courseId, id, 'Answered in the session');
    await moderate(f.grace, f.courseId, id, answered, { action: 'answer', body: 'Done.' });
    await closeNow(f, id);
    expect((await view(f.grace, f.courseId, id)).convertible).toBe(2);
    const converted = await convert(id);
    expect(converted.body.data).toEqual({ converted: 2 });

    const byQuestion = async (questionId: string) => {
      const question = (await f.agora.storage.hotseatQuestions.findById(f.courseId, questionId))!;
      return question.convertedThreadId ? f.agora.storage.threads.findById(f.courseId, question.convertedThreadId) : null;
    };
    expect(await byQuestion(named)).toMatchObject({ authorId: ids['Ada Lovelace'], anonymity: 'named', kind: 'question', title: 'Named and unanswered' });
    const thread = (await byQuestion(anonymous))!;
    expect(thread).toMatchObject({ authorId: ids['Bo Diddley'], anonymity: 'everyone', kind: 'question' });
    expect(await byQuestion(answered)).toBeNull();
    const asGrace = await f.grace.get(threadPath(f.courseId, thread.id));
    expect(asGrace.text).toContain('Anonymous and unanswered');
    expect(asGrace.text).toContain('Convertible session');
    expect(asGrace.text).not.toContain('Bo Diddley');
    // The archive points to where each conversation continues.
    expect((await f.ada.get(hotseatPath(f.courseId, id))).text).toContain(threadPath(f.courseId, thread.id));
  });

  test('converting twice adds no second thread', async () => {
    const id = await liveHotseat(f, clock);
    await askOk(f.ada, f.courseId, id, 'Convert me once');
    await closeNow(f, id);
    expect((await convert(id)).body.data).toEqual({ converted: 1 });
    expect((await convert(id)).body.data).toEqual({ converted: 0 });
    expect((await view(f.grace, f.courseId, id)).convertible).toBe(0);
  });

  test('learners cannot convert questions, and nobody can before the hotseat closes', async () => {
    const id = await liveHotseat(f, clock);
    await askOk(f.ada, f.courseId, id, 'Not yet');
    const early = await convert(id);
    expect(early.status).toBe(403);
    expect(early.body.error.message).toMatch(/once the hotseat has closed/);
    await closeNow(f, id);
    const learner = await convert(id, f.ada);
    expect(learner.status).toBe(403);
    expect(learner.body.error.message).toMatch(/Only course staff/);
  });

  test('with "convert on close", unanswered questions become threads by themselves when the clock passes the end', async () => {
    const id = await openHotseat(f, clock, { convertOnClose: true, startsAt: clock.inMinutes(1), endsAt: clock.inMinutes(2) });
    const questionId = await askOk(f.ada, f.courseId, id, 'Left over at the end', { anonymity: 'peers' });
    clock.advance(3);
    await settleDueHotseats(f.agora.ctx);
    const question = (await f.agora.storage.hotseatQuestions.findById(f.courseId, questionId))!;
    expect(question.convertedThreadId).not.toBeNull();
    expect(await f.agora.storage.threads.findById(f.courseId, question.convertedThreadId!)).toMatchObject({ authorId: ids['Ada Lovelace'], anonymity: 'peers' });
    // A second tick (or a second process) adds nothing.
    await settleDueHotseats(f.agora.ctx);
    expect((await f.agora.storage.hotseatQuestions.findById(f.courseId, questionId))!.convertedThreadId).toBe(question.convertedThreadId);
  });
});

describe('finding hotseats', () => {
  let f: CourseFixture;
  const clock = new TestClock();
  let live: string;
  let upcoming: string;
  let past: string;
  beforeAll(async () => {
    f = await startCourseFixture({ now: clock.now });
    live = await liveHotseat(f, clock, { title: 'Happening now' });
    upcoming = await scheduleHotseat(f.grace, f.courseId, clock, { title: 'Next week' });
    past = await liveHotseat(f, clock, { title: 'Last week' });
    await closeNow(f, past);
  });
  afterAll(() => f.close());

  test('the course\'s hotseat list groups live, upcoming and past sessions, each at a stable address in the course', async () => {
    const list = await f.ada.get(`/c/${f.courseId}/hotseats`).set('Accept', 'application/json');
    const urls = (group: string) => (list.body.data[group] as Array<{ url: string }>).map((h) => h.url);
    expect(urls('live')).toEqual([hotseatPath(f.courseId, live)]);
    expect(urls('upcoming')).toEqual([hotseatPath(f.courseId, upcoming)]);
    expect(urls('past')).toEqual([hotseatPath(f.courseId, past)]);
    const page = await f.ada.get(`/c/${f.courseId}/hotseats`);
    for (const id of [live, upcoming, past]) expect(page.text).toContain(`href="${hotseatPath(f.courseId, id)}"`);
    expect((await f.ada.get(`/c/${f.courseId}/hotseat`)).headers.location).toBe(`/c/${f.courseId}/hotseats`);
  });

  test('the course home links to the live, upcoming and latest past hotseats', async () => {
    const page = await f.ada.get(`/c/${f.courseId}`);
    expect(page.status).toBe(200);
    for (const id of [live, upcoming, past]) expect(page.text).toContain(`href="${hotseatPath(f.courseId, id)}"`);
  });
});
