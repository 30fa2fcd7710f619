import { PUSH_RETRY } from '../../src/domain/participation';
import type { Browser } from '../support/launch';
import { act, postReply, postThread } from '../support/room';
import { ADA, BO, GRACE, HOUR, MINUTE, pushNow, saveRubric, startGradesFixture, type GradesFixture } from './support';

/**
 * When the LMS fails: the failure is recorded in words and shown to staff, retried with
 * exponential backoff from a time kept in the store, up to a limit; nothing crashes; the next
 * success is shown too. Errors that concern one learner do not hold back the others.
 */
describe('participation grades: failures and retries', () => {
  let f: GradesFixture;
  let courseId: string;
  let grace: Browser;
  let ada: Browser;
  let bo: Browser;

  const staffPage = async () => (await grace.get(`/c/${courseId}/participation/staff`)).text;
  const scoreRequests = () => f.platform.grades.requests.filter((r) => r.url.includes('/scores')).length;

  beforeAll(async () => {
    f = await startGradesFixture();
    ({ browser: grace, courseId } = await f.launch(GRACE));
    ({ browser: ada } = await f.launch(ADA));
    ({ browser: bo } = await f.launch(BO));
    await saveRubric(grace, courseId);
    expect(await pushNow(grace, courseId)).toMatchObject({ status: 'pushed', sent: 2 });
  });
  afterAll(() => f.close());

  it('records a failed push, shows it to staff, and retries it after 5, then 10 minutes until it succeeds', async () => {
    f.platform.grades.scoreFailure = 500;
    await postThread(ada, courseId);
    expect(await f.agora.lti.grades.pushDue()).toBe(1);

    let page = await staffPage();
    expect(page).toMatch(/The last push \(<time datetime="[^"]+">[^<]+<\/time>\) failed: The LMS grade service at http:\/\/127\.0\.0\.1:\d+\/ags\/course-1\/lineitems\/1\/lineitem\/scores\?type_id&#x3D;1 did not answer as expected \(it answered 500\)\. 0 of 1 changed scores were sent before that; the rest follow at the next attempt\./);
    expect(page).toContain(`Agora tries again at <time datetime="${new Date(f.now() + 5 * MINUTE).toISOString()}"`);
    expect(page).toContain(`(attempt 2 of ${PUSH_RETRY.maxAttempts})`);
    expect(page).toContain('1 learner&#x27;s score is waiting to be sent.');

    // Not before its time, even with new activity.
    const attempts = scoreRequests();
    f.advance(4 * MINUTE);
    await postReply(bo, courseId, (await postThread(ada, courseId)).id);
    expect(await f.agora.lti.grades.pushDue()).toBe(0);
    expect(scoreRequests()).toBe(attempts);

    f.advance(MINUTE);
    expect(await f.agora.lti.grades.pushDue()).toBe(1);
    expect(scoreRequests()).toBe(attempts + 1);
    expect(await staffPage()).toContain(`Agora tries again at <time datetime="${new Date(f.now() + 10 * MINUTE).toISOString()}"`);

    f.platform.grades.scoreFailure = null;
    f.advance(10 * MINUTE);
    expect(await f.agora.lti.grades.pushDue()).toBe(1);
    page = await staffPage();
    expect(page).toContain(`Last successful push: <time datetime="${new Date(f.now()).toISOString()}"`);
    expect(page).toContain('(2 scores sent)');
    expect(page).toMatch(/An earlier push \(<time[^>]*>[^<]*<\/time>\) failed, and a later one succeeded: The LMS grade service/);
    expect(page).not.toContain('data-next-retry');
    expect(page).toContain('The LMS has every learner\'s current score.');
    const lineItem = f.platform.grades.listLineItems('course-1')[0]!.id;
    expect(f.platform.grades.latestScores(lineItem).get('ada')).toMatchObject({ scoreGiven: 4 });
    expect(f.platform.grades.latestScores(lineItem).get('bo')).toMatchObject({ scoreGiven: 1 });
  });

  it(`gives up after ${PUSH_RETRY.maxAttempts} failed attempts, says so, and tries again when staff press "Push now"`, async () => {
    f.platform.grades.scoreFailure = 503;
    await postThread(bo, courseId);
    for (let attempt = 1; attempt <= PUSH_RETRY.maxAttempts; attempt += 1) {
      expect(await f.agora.lti.grades.pushDue()).toBe(1);
      f.advance(PUSH_RETRY.baseMs * 2 ** (attempt - 1));
    }
    f.advance(24 * HOUR);
    const attempts = scoreRequests();
    expect(await f.agora.lti.grades.pushDue()).toBe(0);
    expect(scoreRequests()).toBe(attempts);
    // Sessions last hours: staff open Agora again to look.
    ({ browser: grace } = await f.launch(GRACE));
    const page = await staffPage();
    expect(page).toContain(`Agora is not retrying on its own (${PUSH_RETRY.maxAttempts} failed attempts so far).`);
    expect(page).toContain('(it answered 503)');

    f.platform.grades.scoreFailure = null;
    const response = await grace.post(`/c/${courseId}/participation/push`).type('form').send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1] });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/c/${courseId}/participation/staff?notice=pushed`);
    const after = (await grace.get(response.headers.location!)).text;
    expect(after).toContain('Push finished. The status below says what was sent.');
    expect(after).not.toContain('data-gave-up');
  });

  it('sends the other learners\' scores when the LMS refuses one learner\'s, and names that learner to staff', async () => {
    f.platform.grades.unknownUsers.add('bo');
    ({ browser: ada } = await f.launch(ADA));
    ({ browser: bo } = await f.launch(BO));
    await postThread(ada, courseId);
    await postThread(bo, courseId);
    const before = f.platform.grades.scores.length;
    expect(await f.agora.lti.grades.pushDue()).toBe(1);
    expect(f.platform.grades.scores.slice(before).map((s) => s.userId)).toEqual(['ada']);
    ({ browser: grace } = await f.launch(GRACE));
    expect(await staffPage()).toMatch(/failed: The LMS refused the scores of Bo Diddley: The LMS grade service at \S+ did not answer as expected \(it answered 422\)\. 1 other changed score was sent\./);

    f.platform.grades.unknownUsers.clear();
    f.advance(5 * MINUTE);
    expect(await f.agora.lti.grades.pushDue()).toBe(1);
    expect(f.platform.grades.scores.slice(before).map((s) => s.userId)).toEqual(['ada', 'bo']);
  });

  it('finds or creates a new grade column when staff deleted Agora\'s in the LMS, and sends every score there', async () => {
    const old = f.platform.grades.listLineItems('course-1')[0]!;
    f.platform.grades.deleteLineItem('course-1', old.id);
    await postThread(ada, courseId);
    expect(await f.agora.lti.grades.pushDue()).toBe(1);
    expect(await staffPage()).toContain('The grade column Agora sent scores to no longer exists in the LMS');

    f.advance(5 * MINUTE);
    expect(await f.agora.lti.grades.pushDue()).toBe(1);
    const fresh = f.platform.grades.listLineItems('course-1');
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.id).not.toBe(old.id);
    expect([...f.platform.grades.latestScores(fresh[0]!.id).keys()].sort()).toEqual(['ada', 'bo']);
  });

  it('asks for a new token when the LMS stops accepting the one it has', async () => {
    f.platform.services.revokeAccessTokens();
    await postThread(bo, courseId);
    expect(await f.agora.lti.grades.pushDue()).toBe(1);
    expect(await staffPage()).toContain('(it refused Agora&#x27;s credentials; check that the tool is allowed this service in the LMS)');
    const tokens = f.platform.services.tokenRequests.length;
    f.advance(5 * MINUTE);
    expect(await f.agora.lti.grades.pushDue()).toBe(1);
    expect(f.platform.services.tokenRequests.length).toBe(tokens + 1);
    expect(await staffPage()).not.toContain('data-next-retry');
  });

  it('keeps a scheduled retry across a restart, and makes it when it is due', async () => {
    f.platform.grades.scoreFailure = 500;
    await postThread(ada, courseId);
    expect(await f.agora.lti.grades.pushDue()).toBe(1);
    f.platform.grades.scoreFailure = null;
    await f.restart();
    const before = f.platform.grades.scores.length;
    expect(await f.agora.lti.grades.pushDue()).toBe(0);
    f.advance(5 * MINUTE);
    expect(await f.agora.lti.grades.pushDue()).toBe(1);
    expect(f.platform.grades.scores.slice(before).map((s) => s.userId)).toEqual(['ada']);
  });

  it('keeps serving pages while the LMS is down', async () => {
    f.platform.grades.scoreFailure = 500;
    try {
      await postThread(ada, courseId);
      expect((await act(grace, courseId, `/c/${courseId}/participation/push`)).status).toBe(200);
      expect((await ada.get(`/c/${courseId}/participation`)).status).toBe(200);
      expect((await grace.get(`/c/${courseId}`)).status).toBe(200);
    } finally {
      f.platform.grades.scoreFailure = null;
    }
  });
});
