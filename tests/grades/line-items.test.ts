import { AGS_SCOPE } from '../support/lti-platform-grades';
import { postThread } from '../support/room';
import { ADA, GRACE, MINUTE, pushNow, saveRubric, startGradesFixture, type GradesFixture } from './support';

/**
 * Which grade column scores go to: the one a graded link's launch names, else Agora's own, found
 * among the course's line items (every page) or created there; and what staff are told when the
 * LMS does not offer the service, or not the permissions Agora needs.
 */
describe('participation grades: the line item', () => {
  let f: GradesFixture;

  beforeAll(async () => {
    f = await startGradesFixture();
  });
  afterAll(() => f.close());

  const agsRequests = (contextId: string) => f.platform.grades.requests.filter((r) => r.url.includes(`/ags/${contextId}/`));

  it('creates a line item marked as Agora\'s when the course has none, and sends the scores there', async () => {
    const { browser: grace, courseId } = await f.launch(GRACE, { contextId: 'create' });
    const { browser: ada } = await f.launch(ADA, { contextId: 'create' });
    await postThread(ada, courseId, { title: 'Hello', body: 'First post' });
    expect((await saveRubric(grace, courseId, { label: 'Forum participation', scoreMaximum: '50' })).status).toBe(200);

    expect(await f.agora.lti.grades.pushDue()).toBe(1);
    const items = f.platform.grades.listLineItems('create');
    expect(items).toEqual([expect.objectContaining({ label: 'Forum participation', scoreMaximum: 50, resourceId: 'agora-participation', tag: 'agora-participation' })]);
    expect(f.platform.grades.latestScores(items[0]!.id).get('ada')).toMatchObject({ scoreGiven: 2, scoreMaximum: 50 });
    // Looked for its own first (with the filters), then created it.
    expect(agsRequests('create').map((r) => r.method).slice(0, 2)).toEqual(['GET', 'POST']);
    expect(agsRequests('create')[0]!.url).toContain('resource_id=agora-participation');

    const page = await grace.get(`/c/${courseId}/participation/staff`);
    expect(page.text).toContain('Scores go to the participation column Agora created in your LMS gradebook.');
  });

  it('reuses its own line item found on a later page of the course\'s line items, without creating another', async () => {
    for (const label of ['Quiz 1', 'Quiz 2', 'Essay']) f.platform.grades.addLineItem('reuse', { label, scoreMaximum: 10 });
    const existing = f.platform.grades.addLineItem('reuse', { label: 'Participation from last term', scoreMaximum: 80, resourceId: 'agora-participation', tag: 'agora-participation' });
    // One line item a page, filters ignored: Agora must read page after page to find its own.
    f.platform.grades.pageSize = 1;
    f.platform.grades.ignoreFilters = true;
    try {
      const { browser: grace, courseId } = await f.launch(GRACE, { contextId: 'reuse' });
      await f.launch(ADA, { contextId: 'reuse' });
      await saveRubric(grace, courseId);
      expect(await pushNow(grace, courseId)).toMatchObject({ status: 'pushed', sent: 1 });
      expect(f.platform.grades.listLineItems('reuse')).toHaveLength(4);
      expect(f.platform.grades.latestScores(existing.id).get('ada')).toMatchObject({ scoreGiven: 0, scoreMaximum: 100 });
      expect(agsRequests('reuse').filter((r) => r.method === 'POST' && !r.url.includes('/scores'))).toEqual([]);
      expect(agsRequests('reuse').filter((r) => r.method === 'GET').map((r) => new URL(r.url).searchParams.get('page'))).toEqual([null, '1', '2', '3']);
      expect((await grace.get(`/c/${courseId}/participation/staff`)).text).toContain('Scores go to Agora&#x27;s participation column, found in your LMS gradebook.');
    } finally {
      f.platform.grades.pageSize = 2;
      f.platform.grades.ignoreFilters = false;
    }
  });

  it('uses the line item a graded link\'s launch names, without looking at or creating any other', async () => {
    const activity = f.platform.grades.addLineItem('graded', { label: 'Agora activity', scoreMaximum: 20, resourceLinkId: 'link-1' });
    const extra = f.platform.grades.claim('graded', { lineItem: activity.id });
    const { browser: grace, courseId } = await f.launch(GRACE, { contextId: 'graded', extra });
    const { browser: ada } = await f.launch(ADA, { contextId: 'graded', extra });
    await postThread(ada, courseId);
    await saveRubric(grace, courseId, { scoreMaximum: '20' });
    expect(await pushNow(grace, courseId)).toMatchObject({ status: 'pushed', sent: 1 });
    expect(f.platform.grades.latestScores(activity.id).get('ada')).toMatchObject({ scoreGiven: 2, scoreMaximum: 20 });
    expect(agsRequests('graded').map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([`POST /ags/graded/lineitems/${/lineitems\/(\d+)/.exec(activity.id)![1]}/lineitem/scores`]);
    expect((await grace.get(`/c/${courseId}/participation/staff`)).text).toContain('the grade column of the graded link in your LMS course that opens Agora');
  });

  it('tells staff plainly when the LMS offers no grade service for the course, and does not retry on its own', async () => {
    const { browser: grace, courseId } = await f.launch(GRACE, { contextId: 'no-ags', extra: {} });
    await saveRubric(grace, courseId);
    const before = f.platform.grades.requests.length;
    expect(await pushNow(grace, courseId)).toMatchObject({ status: 'failed' });
    expect(f.platform.grades.requests.length).toBe(before);
    const page = await grace.get(`/c/${courseId}/participation/staff`);
    expect(page.text).toContain('Your LMS has not offered Agora its grade service (Assignment and Grade Services) for this course');
    expect(page.text).toContain('data-gave-up');
    f.advance(60 * MINUTE);
    expect(await f.agora.lti.grades.pushDue()).toBe(0);
  });

  it('tells staff when the LMS does not allow Agora to send scores', async () => {
    const extra = f.platform.grades.claim('no-score', { scopes: [AGS_SCOPE.lineItem, AGS_SCOPE.lineItemReadonly] });
    const { browser: grace, courseId } = await f.launch(GRACE, { contextId: 'no-score', extra });
    const page = await grace.get(`/c/${courseId}/participation/staff`);
    expect(page.text).toContain('does not allow it to send scores (the &quot;score&quot; permission of Assignment and Grade Services is missing)');
  });

  it('tells staff when the LMS lets Agora send scores but gives it no grade column and no way to make one', async () => {
    const extra = f.platform.grades.claim('score-only', { scopes: [AGS_SCOPE.score] });
    const { browser: grace, courseId } = await f.launch(GRACE, { contextId: 'score-only', extra });
    await saveRubric(grace, courseId);
    expect(await pushNow(grace, courseId)).toMatchObject({ status: 'failed' });
    const page = await grace.get(`/c/${courseId}/participation/staff`);
    expect(page.text).toContain('Your LMS lets Agora send scores but not create or look up a grade column for them.');
    expect(page.text).toContain('add Agora to the course as a graded activity');
  });

  it('finds an existing column with read-only line item access, and explains when there is none to find', async () => {
    const extra = f.platform.grades.claim('read-only', { scopes: [AGS_SCOPE.score, AGS_SCOPE.lineItemReadonly] });
    const { browser: grace, courseId } = await f.launch(GRACE, { contextId: 'read-only', extra });
    await saveRubric(grace, courseId);
    expect(await pushNow(grace, courseId)).toMatchObject({ status: 'failed', error: expect.stringContaining('lets Agora look up grade columns but not create one') });
    expect(f.platform.grades.listLineItems('read-only')).toEqual([]);

    const made = f.platform.grades.addLineItem('read-only', { label: 'Made by the teacher', scoreMaximum: 100, resourceId: 'agora-participation', tag: 'agora-participation' });
    expect(await pushNow(grace, courseId)).toMatchObject({ status: 'pushed' });
    expect((await grace.get(`/c/${courseId}/participation/staff`)).text).toContain('found in your LMS gradebook');
    expect(made.id).toContain('type_id=1');
  });
});
