import type { Browser } from '../support/launch';
import { act } from '../support/room';
import { ADA, DEFAULT_FORM, GRACE, pushNow, saveRubric, startGradesFixture, type GradesFixture } from './support';

/**
 * The staff page's rubric: course staff only, every value checked and every bad one explained
 * (the form comes back as typed), and links from the course home to the right page for each role.
 */
describe('participation grades: the rubric staff choose', () => {
  let f: GradesFixture;
  let courseId: string;
  let grace: Browser;
  let ada: Browser;

  const stored = async () => (await f.agora.storage.participationGrades.get(courseId)).settings;
  const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

  beforeAll(async () => {
    f = await startGradesFixture();
    ({ browser: grace, courseId } = await f.launch(GRACE));
    ({ browser: ada } = await f.launch(ADA));
  });
  afterAll(() => f.close());

  it('starts off, with a default rubric staff can read before saving', async () => {
    const page = await grace.get(`/c/${courseId}/participation/staff`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Participation grading is <strong>off</strong> in this course.');
    expect(page.text).toContain('name="pointsPerThread" type="text" inputmode="decimal" value="2"');
    expect(page.text).toContain('<input type="checkbox" name="enabled" value="on"> Grade participation');
    expect(page.text).not.toContain('Push now');
  });

  it('saves a valid rubric from the form, half points and decimal commas included, and says so', async () => {
    const page = await grace.get(`/c/${courseId}/participation/staff`);
    const response = await grace.post(`/c/${courseId}/participation/settings`).type('form')
      .send({ ...DEFAULT_FORM, pointsPerReply: '0,5', pointsPerEndorsedAnswer: '2.25', weeklyCap: '7.5', label: '  Forum   participation ', _csrf: csrf(page.text) });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/c/${courseId}/participation/staff?notice=saved`);
    expect(await stored()).toMatchObject({
      enabled: true, pointsPerThread: 2, pointsPerReply: 0.5, pointsPerEndorsedAnswer: 2.25, pointsPerHotseatQuestion: 1,
      weeklyCap: 7.5, scoreMaximum: 100, label: 'Forum participation', updatedBy: expect.any(String),
    });
    const after = await grace.get(response.headers.location!);
    expect(after.text).toContain('Saved. Agora sends the scores under this rubric within a few minutes.');
    expect(after.text).toContain('value="0.5"');
    expect(after.text).toContain('<input type="checkbox" name="enabled" value="on" checked>');
  });

  it('explains every bad value, keeps what was typed, and saves nothing', async () => {
    const before = await stored();
    const page = await grace.get(`/c/${courseId}/participation/staff`);
    const response = await grace.post(`/c/${courseId}/participation/settings`).type('form').send({
      ...DEFAULT_FORM, pointsPerThread: 'lots', pointsPerReply: '0.125', pointsPerEndorsedAnswer: '-1', pointsPerHotseatQuestion: '101',
      weeklyCap: '0', scoreMaximum: '', label: '   ', _csrf: csrf(page.text),
    });
    expect(response.status).toBe(400);
    for (const problem of [
      'Points per thread must be a number from 0 to 100 (you entered &quot;lots&quot;).',
      'Points per reply can have at most 2 decimals (you entered &quot;0.125&quot;).',
      'Points per endorsed answer must be a number from 0 to 100 (you entered &quot;-1&quot;).',
      'Points per hotseat question must be a number from 0 to 100 (you entered &quot;101&quot;).',
      'The weekly cap must be a number above 0, at most 1000 (you entered &quot;0&quot;).',
      'The maximum score must be a number above 0, at most 10000 (you entered &quot;&quot;).',
      'Give the grade column a name (it appears in the LMS gradebook).',
    ]) expect(response.text).toContain(`<li>${problem}</li>`);
    expect(response.text).toContain('name="pointsPerThread" type="text" inputmode="decimal" value="lots"');
    expect(response.text).toContain('aria-describedby="rubric-problems"');
    expect(await stored()).toEqual(before);
  });

  it('answers a script with JSON naming the problem', async () => {
    const response = await saveRubric(grace, courseId, { weeklyCap: 'ten' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ ok: false, error: { code: 'INVALID_RUBRIC', message: 'The weekly cap must be a number above 0, at most 1000 (you entered "ten").' } });
  });

  it('refuses learners the staff page, its JSON, saving and pushing, whatever they send', async () => {
    const page = await ada.get(`/c/${courseId}/participation/staff`);
    expect(page.status).toBe(403);
    expect(page.text).toContain('Only course staff can set up participation grades and see everyone&#x27;s.');
    expect((await ada.get(`/api/courses/${courseId}/participation`)).status).toBe(403);
    const before = await stored();
    for (const body of [DEFAULT_FORM, { ...DEFAULT_FORM, weeklyCap: 'x' }]) {
      const response = await act(ada, courseId, `/c/${courseId}/participation/settings`, body);
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    expect((await act(ada, courseId, `/c/${courseId}/participation/push`)).status).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it('refuses someone from another course', async () => {
    const { browser: eve } = await f.launch({ sub: 'eve', name: 'Eve', roles: ADA.roles }, { contextId: 'chemistry' });
    expect((await eve.get(`/c/${courseId}/participation/staff`)).status).toBe(403);
    expect((await eve.get(`/c/${courseId}/participation`)).status).toBe(403);
  });

  it('links the staff page from the course home for staff, and the explanation for learners only while grading is on', async () => {
    expect((await grace.get(`/c/${courseId}`)).text).toContain(`href="/c/${courseId}/participation/staff"`);
    expect((await ada.get(`/c/${courseId}`)).text).toContain(`href="/c/${courseId}/participation">How my participation grade is computed`);
    expect((await ada.get(`/c/${courseId}`)).text).not.toContain('/participation/staff');
    await saveRubric(grace, courseId, { enabled: undefined });
    expect((await stored()).enabled).toBe(false);
    expect((await ada.get(`/c/${courseId}`)).text).not.toContain('How my participation grade is computed');
  });

  it('will not push while grading is off, and says why', async () => {
    const response = await act(grace, courseId, `/c/${courseId}/participation/push`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('Participation grading is off in this course.');
    await saveRubric(grace, courseId);
    expect(await pushNow(grace, courseId)).toMatchObject({ status: 'pushed' });
  });
});
