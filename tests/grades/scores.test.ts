import type { Browser } from '../support/launch';
import { act, postReply, postThread } from '../support/room';
import { ADA, BO, DAY, GRACE, MINUTE, saveRubric, startGradesFixture, WEEK, type GradesFixture } from './support';

/**
 * The scores Agora sends: the rubric applied week by week with the weekly cap, for learners only,
 * only when they changed, by the scheduled push, which needs no launch: it runs weeks after the
 * last one from the stored service URLs and a token of its own.
 */
describe('participation grades: the scores sent', () => {
  let f: GradesFixture;
  let courseId: string;
  let grace: Browser;
  let lineItemId: string;

  const latest = () => f.platform.grades.latestScores(lineItemId);
  /** Posts a little apart, as people do (and under the ten-a-minute limit). */
  const later = () => f.advance(10 * 1000);

  beforeAll(async () => {
    f = await startGradesFixture();
    ({ browser: grace, courseId } = await f.launch(GRACE));
    expect((await saveRubric(grace, courseId)).status).toBe(200);
  });
  afterAll(() => f.close());

  it('applies the rubric and the weekly cap, counts comments and endorsed answers, and leaves out deleted and hidden posts and staff', async () => {
    const { browser: ada } = await f.launch(ADA);
    const { browser: bo } = await f.launch(BO);
    // Ada, week 1: 4 threads (8 points) + 2 replies and 1 comment (3 points) = 11, capped at 10.
    const threads = [];
    for (let i = 0; i < 4; i += 1) {
      threads.push(await postThread(ada, courseId, { title: `Thread ${i}`, body: 'text' }));
      later();
    }
    const reply = await postReply(ada, courseId, threads[0]!.id, { body: 'reply' });
    later();
    await postReply(ada, courseId, threads[1]!.id, { body: 'another reply', anonymity: 'peers' });
    later();
    await postReply(ada, courseId, threads[0]!.id, { body: 'a comment', parentId: reply.id });
    later();
    const deleted = await postReply(ada, courseId, threads[2]!.id, { body: 'oops' });
    expect((await act(ada, courseId, `/c/${courseId}/discussion/posts/reply/${deleted.id}/delete`)).status).toBe(200);
    // Bo, week 1: a reply staff endorse (1 + 3); a hidden reply and a hidden thread count for nothing.
    const answer = await postReply(bo, courseId, threads[0]!.id, { body: 'an answer' });
    expect((await act(grace, courseId, `/c/${courseId}/discussion/replies/${answer.id}/endorse`, { endorsed: true })).status).toBe(200);
    const hiddenReply = await postReply(bo, courseId, threads[1]!.id, { body: 'off topic' });
    const hiddenThread = await postThread(bo, courseId, { title: 'Spam', body: 'spam' });
    await act(grace, courseId, `/c/${courseId}/discussion/posts/reply/${hiddenReply.id}/hide`, { hidden: true });
    await act(grace, courseId, `/c/${courseId}/discussion/posts/thread/${hiddenThread.id}/hide`, { hidden: true });
    await postThread(grace, courseId, { title: 'Staff post', body: 'not graded' });

    expect(await f.agora.lti.grades.pushDue()).toBe(1);
    lineItemId = f.platform.grades.listLineItems('course-1')[0]!.id;
    const sent = latest();
    expect([...sent.keys()].sort()).toEqual(['ada', 'bo']);
    expect(sent.get('ada')).toMatchObject({
      scoreGiven: 10, scoreMaximum: 100, activityProgress: 'InProgress', gradingProgress: 'FullyGraded', timestamp: new Date(f.now()).toISOString(),
    });
    expect(sent.get('ada')!.comment).toContain('10 points over 1 week, at most 10 a week');
    expect(sent.get('bo')).toMatchObject({ scoreGiven: 4, scoreMaximum: 100 });

    const table = await grace.get(`/c/${courseId}/participation/staff`);
    expect(table.text).toMatch(/Ada Lovelace<\/th>\s*<td>4<\/td><td>3<\/td><td>0<\/td><td>0<\/td>\s*<td>10<\/td><td data-learner-score>10 \/ 100<\/td>\s*<td data-learner-sent>Sent<\/td>/);
    expect(table.text).toMatch(/Bo Diddley<\/th>\s*<td>0<\/td><td>1<\/td><td>1<\/td><td>0<\/td>\s*<td>4<\/td>/);
    expect(table.text).not.toMatch(/Grace Hopper<\/th>/);
  });

  it('adds up the weeks, each under its own cap, and sends only the scores that changed', async () => {
    f.advance(WEEK);
    const { browser: ada } = await f.launch(ADA);
    await postThread(ada, courseId, { title: 'Week two', body: 'text' });
    const before = f.platform.grades.scores.length;
    expect(await f.agora.lti.grades.pushDue()).toBe(1);
    expect(f.platform.grades.scores.slice(before).map((s) => [s.userId, s.scoreGiven])).toEqual([['ada', 12]]);

    const mine = await ada.get(`/api/courses/${courseId}/participation/me`);
    expect(mine.body.data.score.weeks.map((w: { earned: number; counted: number; capped: boolean }) => [w.earned, w.counted, w.capped]))
      .toEqual([[2, 2, false], [11, 10, true]]);
  });

  it('does nothing when nothing changed', async () => {
    const tokens = f.platform.services.tokenRequests.length;
    const requests = f.platform.grades.requests.length;
    f.advance(10 * MINUTE);
    expect(await f.agora.lti.grades.pushDue()).toBe(0);
    expect(f.platform.grades.requests.length).toBe(requests);
    expect(f.platform.services.tokenRequests.length).toBe(tokens);
  });

  it('sends a changed score five weeks after anyone last opened Agora, with a new token of its own', async () => {
    // The last launch of the course: Bo posts once more, and then nobody opens Agora again.
    const { browser: bo } = await f.launch(BO);
    await postThread(bo, courseId, { title: 'Last words', body: 'bye' });
    f.advance(5 * WEEK + 3 * DAY);
    const tokens = f.platform.services.tokenRequests.length;

    expect(await f.agora.lti.grades.pushDue()).toBe(1);
    expect(latest().get('bo')).toMatchObject({ scoreGiven: 6, timestamp: new Date(f.now()).toISOString() });
    // The launch's tokens are long dead; Agora asked the LMS for a token with its own signed assertion.
    expect(f.platform.services.tokenRequests.length).toBe(tokens + 1);
    expect(String(f.platform.services.tokenRequests.at(-1)!.scope).split(' ')).toContain('https://purl.imsglobal.org/spec/lti-ags/scope/score');
  });

  it('sends every score again under a new rubric, including a new maximum', async () => {
    f.advance(MINUTE);
    const { browser: grace2 } = await f.launch(GRACE);
    expect((await saveRubric(grace2, courseId, { pointsPerThread: '1', weeklyCap: '5', scoreMaximum: '20' })).status).toBe(200);
    const before = f.platform.grades.scores.length;
    expect(await f.agora.lti.grades.pushDue()).toBe(1);
    // Ada: week 1 = 4 + 3 = 7, capped at 5; week 2 = 1. Bo: week 1 = 1 + 3 = 4; week 2 = 1.
    expect(Object.fromEntries(f.platform.grades.scores.slice(before).map((s) => [s.userId, [s.scoreGiven, s.scoreMaximum]])))
      .toEqual({ ada: [6, 20], bo: [5, 20] });
  });
});
