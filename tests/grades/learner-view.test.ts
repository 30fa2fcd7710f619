import { newId } from '../../src/domain/ids';
import type { Browser } from '../support/launch';
import { act, postReply, postThread } from '../support/room';
import { ADA, BO, GRACE, MINUTE, saveRubric, startGradesFixture, WEEK, type GradesFixture } from './support';

/**
 * "How my participation grade is computed": each learner sees the rubric and their own counts and
 * points week by week, with the cap applied; never anyone else's. Anonymous posts count for their
 * author, and nothing a classmate can open says whose they are.
 */
describe('participation grades: what learners see', () => {
  let f: GradesFixture;
  let courseId: string;
  let grace: Browser;
  let ada: Browser;
  let bo: Browser;
  let adaId: string;

  const mine = async (browser: Browser) => (await browser.get(`/api/courses/${courseId}/participation/me`)).body.data;

  beforeAll(async () => {
    f = await startGradesFixture();
    ({ browser: grace, courseId } = await f.launch(GRACE));
    ({ browser: ada } = await f.launch(ADA));
    ({ browser: bo } = await f.launch(BO));
    await act(grace, courseId, `/c/${courseId}/discussion/settings`, { anonymity: 'everyone', postingPolicy: '' });
    // Ada: one named thread, one thread anonymous to classmates, one reply anonymous to everyone.
    const named = await postThread(ada, courseId, { title: 'Named', body: 'text' });
    await postThread(ada, courseId, { title: 'Shy question', body: 'text', anonymity: 'peers' });
    await postReply(ada, courseId, named.id, { body: 'hidden hand', anonymity: 'everyone' });
    await postReply(bo, courseId, named.id, { body: 'Bo was here' });
    adaId = (await f.agora.storage.threads.findById(courseId, named.id))!.authorId;
  });
  afterAll(() => f.close());

  it('says when participation is not graded', async () => {
    const page = await ada.get(`/c/${courseId}/participation`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Participation is not graded in this course.');
    expect(await mine(ada)).toMatchObject({ enabled: false, score: null });
  });

  it('shows the rubric, the week\'s counts, anonymous posts included, the cap applied and the total', async () => {
    await saveRubric(grace, courseId, { weeklyCap: '4.5' });
    const page = await ada.get(`/c/${courseId}/participation`);
    expect(page.text).toContain('<h2>How my participation grade is computed</h2>');
    expect(page.text).toContain('Each thread you start: <strong>2 points</strong>');
    expect(page.text).toContain('Each reply or comment you write: <strong>1 point</strong>');
    expect(page.text).toContain('Each answer of yours that staff endorse (on top of the reply&#x27;s points): <strong>3 points</strong>');
    expect(page.text).toContain('Each question you ask in a hotseat: <strong>1 point</strong>');
    expect(page.text).toContain('Each week adds at most <strong>4.5 points</strong>');
    // 2 threads (4 points) + 1 reply (1 point) = 5, capped at 4.5.
    expect(page.text).toMatch(/\(this week\): <span data-week-counted>4\.5 points<\/span><\/h4>\s*<p>2 threads, 1 reply, 0 endorsed answers, 0 hotseat questions: 5 points earned, <span class="grade-capped">capped at 4\.5<\/span>\.<\/p>/);
    expect(page.text).toContain('All weeks together: <strong>4.5 points</strong>.');
    expect(page.text).toContain('<p class="grade-total" data-grade-total><strong>4.5</strong> out of 100</p>');
    expect(page.text).toContain('Agora has not sent a score to your LMS gradebook yet');
  });

  it('says what the LMS gradebook has once the score was sent', async () => {
    expect(await f.agora.lti.grades.pushDue()).toBe(1);
    const page = await ada.get(`/c/${courseId}/participation`);
    expect(page.text).toMatch(/Your LMS gradebook has 4\.5 out of 100, sent <time/);
    expect(await mine(ada)).toMatchObject({ upToDate: true, lastSent: { scoreGiven: 4.5, scoreMaximum: 100 } });
  });

  it('gives every week its own row, newest first, with the weeks without activity at zero', async () => {
    f.advance(2 * WEEK);
    ({ browser: ada } = await f.launch(ADA));
    await postThread(ada, courseId, { title: 'Back again', body: 'text' });
    const weeks = (await mine(ada)).score.weeks as Array<{ isCurrent: boolean; threads: number; counted: number }>;
    expect(weeks.map((w) => [w.isCurrent, w.threads, w.counted])).toEqual([[true, 1, 2], [false, 0, 0], [false, 2, 4.5]]);
    expect((await mine(ada)).score.total).toBe(6.5);
  });

  it('shows a classmate only their own counts: nothing of Ada\'s, on the page or in the JSON', async () => {
    ({ browser: bo } = await f.launch(BO));
    const page = await bo.get(`/c/${courseId}/participation`);
    const json = await bo.get(`/api/courses/${courseId}/participation/me`);
    for (const text of [page.text, JSON.stringify(json.body)]) {
      for (const trace of ['Ada', 'Lovelace', adaId, 'Shy question', '6.5']) expect(text).not.toContain(trace);
    }
    expect(json.body.data.score.weeks.map((w: { replies: number; threads: number }) => [w.threads, w.replies])).toEqual([[0, 0], [0, 0], [0, 1]]);
    expect(Object.keys(json.body.data).sort()).toEqual(['enabled', 'isStaff', 'lastSent', 'rubric', 'score', 'upToDate']);
    // The anonymous thread itself still shows no name to him.
    const threads = await bo.get(`/api/courses/${courseId}/threads`);
    const shy = threads.body.data.threads.find((t: { title: string }) => t.title === 'Shy question');
    expect(JSON.stringify(shy)).not.toContain('Ada');
  });

  it('lists every learner for staff, anonymous posts counted for their author', async () => {
    ({ browser: grace } = await f.launch(GRACE));
    const page = await grace.get(`/c/${courseId}/participation/staff`);
    expect(page.text).toMatch(/Ada Lovelace<\/th>\s*<td>3<\/td><td>1<\/td>/);
    expect(page.text).toMatch(/Bo Diddley<\/th>\s*<td>0<\/td><td>1<\/td>/);
    expect(page.text).toContain('Counts include anonymous posts, even those anonymous to everyone');
    const json = await grace.get(`/api/courses/${courseId}/participation`);
    expect(json.body.data.learners.map((l: { name: string; scoreGiven: number }) => [l.name, l.scoreGiven])).toEqual([['Ada Lovelace', 6.5], ['Bo Diddley', 1]]);
  });

  it('shows staff the rubric learners see, and where the scores are', async () => {
    const page = await grace.get(`/c/${courseId}/participation`);
    expect(page.text).toContain('Course staff are not graded: this is the rubric learners see.');
    expect(page.text).not.toContain('data-grade-total');
  });

  it('counts the questions a learner asked in the course\'s hotseats, week by week', async () => {
    const now = new Date(f.now());
    const hotseatId = newId();
    await f.agora.storage.hotseats.create({
      id: hotseatId, courseId, title: 'Ask the expert', descriptionSource: '', descriptionHtml: '', createdBy: adaId, publishedAt: now,
      opensAt: now, startsAt: new Date(now.getTime() + 60 * MINUTE), endsAt: new Date(now.getTime() + 120 * MINUTE),
      phase: 'collecting', premoderation: false, convertOnClose: false, answeringQuestionId: null, createdAt: now, updatedAt: now,
    });
    for (const status of ['open', 'withdrawn'] as const) {
      await f.agora.storage.hotseatQuestions.create({
        id: newId(), hotseatId, courseId, authorId: adaId, anonymity: 'named', bodySource: 'Why?', bodyHtml: '<p>Why?</p>', status, hidden: false,
        voteCount: 0, voteVersion: 0, declineReason: null, mergedIntoId: null, answerSource: null, answerHtml: null, answeredBy: null,
        answeredAt: null, convertedThreadId: null, createdAt: now, editedAt: null,
      });
    }
    const weeks = (await mine(ada)).score.weeks as Array<{ hotseatQuestions: number; earned: number }>;
    expect(weeks.map((w) => [w.hotseatQuestions, w.earned])).toEqual([[1, 3], [0, 0], [0, 5]]);
  });
});
