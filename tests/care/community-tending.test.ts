import { VIEWS_DIR } from '../../src/paths';
import { createTemplates } from '../../src/rendering/templates';
import { ALAN, CHEMISTRY, post } from '../alumni/support';
import { act, postReply, postThread, threadPath } from '../support/room';
import { startCommunityFixture, type CommunityFixture } from './community-support';

/**
 * Tending an alumni community: champions chosen among its alumni (pin and lock in its room, nothing
 * more), trends across its cohorts naming nobody, and "endorsed answers by tag" on alumni profiles.
 */
describe('tending an alumni community', () => {
  let c: CommunityFixture;
  const champions = () => `/c/${c.space}/care/champions`;
  const room = () => `/c/${c.space}/discussion`;
  const moderate = (who: CommunityFixture['ada'], courseId: string, threadId: string, change: Record<string, boolean>) =>
    act(who, courseId, `/c/${courseId}/discussion/threads/${threadId}/moderate`, change);

  beforeAll(async () => {
    c = await startCommunityFixture();
    // Entering the space makes each person a member of its room (alumni post; Cleo, a current learner, reads).
    for (const who of [c.grace, c.ada, c.bo, c.cleo]) expect((await who.get(`/alumni/${c.communityId}`)).status).toBe(200);
  });
  afterAll(() => c.f.close());

  describe('champions in the community', () => {
    it('lets the community\'s staff choose champions among its alumni only', async () => {
      const page = await c.grace.get(champions());
      expect(page.status).toBe(200);
      expect(page.text).toContain('data-community-champions');
      const candidates = (await c.grace.get(champions()).set('Accept', 'application/json'));
      expect(candidates.status).toBe(200);
      expect(page.text).toContain('Ada Lovelace');
      expect(page.text).not.toContain('Cleo Autumn');
      expect((await act(c.grace, c.space, champions(), { personId: c.ids.cleo })).body.error.code).toBe('NOT_ALUMNI');
      expect((await act(c.ada, c.space, champions(), { personId: c.ids.bo })).status).toBe(403);
      expect((await act(c.grace, c.space, champions(), { personId: c.ids.ada })).status).toBe(201);
      const home = await c.grace.get(`/alumni/${c.communityId}`);
      expect(home.text).toContain(`href="/c/${c.space}/care/champions"`);
      expect((await c.ada.get(`/alumni/${c.communityId}`)).text).not.toContain('data-community-care');
    });

    it('lets a champion pin and lock threads of the community room, and an alumnus who is not one cannot', async () => {
      const thread = await postThread(c.bo, c.space, { title: 'Jobs in genetics?', body: 'Anyone hiring?' });
      expect((await moderate(c.bo, c.space, thread.id, { pinned: true })).status).toBe(403);
      expect((await c.ada.get(threadPath(c.space, thread.id))).text).toContain('>Pin<');
      expect((await c.bo.get(threadPath(c.space, thread.id))).text).not.toContain('>Pin<');
      expect((await moderate(c.ada, c.space, thread.id, { pinned: true })).status).toBe(200);
      expect((await moderate(c.ada, c.space, thread.id, { locked: true })).status).toBe(200);
      expect(await c.f.agora.storage.threads.findById(c.space, thread.id)).toMatchObject({ pinned: true, locked: true });
    });

    it('gives a community champion nothing else its staff can do, and nothing in a course', async () => {
      const thread = await postThread(c.bo, c.space, { title: 'Endorse me?', body: 'x', kind: 'question' });
      const answer = await postReply(c.bo, c.space, thread.id, { body: 'an answer' });
      const refused = [
        await act(c.ada, c.space, `${room()}/posts/thread/${thread.id}/hide`, { hidden: true }),
        await act(c.ada, c.space, `${room()}/replies/${answer.id}/endorse`, { endorsed: true }),
        await act(c.ada, c.space, `${room()}/posts/thread/${thread.id}/delete`),
        await act(c.ada, c.space, `${room()}/settings`, { anonymity: 'named', postingPolicy: '' }),
        await act(c.ada, c.space, `${room()}/tags`, { name: 'Mine' }),
        await post(c.ada, `/alumni/${c.communityId}/settings`, { learnerAccess: 'post' }, `/alumni/${c.communityId}`),
        await post(c.ada, `/alumni/${c.communityId}/mentors`, { personId: c.ids.bo, mentor: true }, `/alumni/${c.communityId}`),
      ];
      for (const response of refused) expect(response.status).toBe(403);
      for (const path of [`${room()}/moderation`, `/c/${c.space}/care/insights`, `/c/${c.space}/care/cohorts`, `/c/${c.space}/care/export/discussion.json`]) {
        expect((await c.ada.get(path).set('Accept', 'application/json')).status).toBe(403);
      }
      // Her badge is the community's: in her old course she is an ordinary member.
      const inSpring = await postThread(c.graceSpring, c.spring, { title: 'Spring notice', body: 'x' });
      expect((await moderate(c.ada, c.spring, inSpring.id, { pinned: true })).status).toBe(403);
    });

    it('gives a course\'s champion nothing in the community', async () => {
      expect((await act(c.grace, c.autumn, `/c/${c.autumn}/care/champions`, { personId: c.ids.cleo })).status).toBe(201);
      const thread = await postThread(c.bo, c.space, { title: 'Not for course champions', body: 'x' });
      expect((await moderate(c.cleo, c.space, thread.id, { pinned: true })).status).toBe(403);
      const inAutumn = await postThread(c.grace, c.autumn, { title: 'Autumn notice', body: 'x' });
      expect((await moderate(c.cleo, c.autumn, inAutumn.id, { pinned: true })).status).toBe(200);
    });
  });

  describe('trends across cohorts', () => {
    const people = () => [
      ...Object.values(c.ids), 'Grace Hopper', 'Ada Lovelace', 'Bo Diddley', 'Cleo Autumn', 'grace@uni.example', 'ada@uni.example', 'bo@uni.example', 'cleo@uni.example',
    ];

    it('compares every run of the community, from a course\'s insights page, naming nobody', async () => {
      const insights = await c.grace.get(`/c/${c.autumn}/care/insights`);
      expect(insights.text).toContain(`href="/c/${c.autumn}/care/cohorts"`);
      const data = (await c.grace.get(`/c/${c.autumn}/care/cohorts`).set('Accept', 'application/json')).body.data;
      expect(data.community.name).toBe('Biology 101 alumni');
      expect(data.cohorts.map((cohort: { title: string }) => cohort.title)).toEqual(['BIO101 · Spring 2026', 'BIO101 · Autumn 2026']);
      expect(data.cohorts[0]).toMatchObject({ learners: 2, participatingLearners: 2, graduates: 2 });
      expect(data.cohorts[0].medianFirstAnswer).not.toBeNull();
      expect(data.cohorts[1]).toMatchObject({ learners: 1, graduates: 0 });
      const page = await c.grace.get(`/c/${c.autumn}/care/cohorts`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('data-cohort-figures');
      expect(page.text).toContain('<th scope="row">BIO101 · Spring 2026</th>');
      for (const trace of people()) expect(page.text + JSON.stringify(data)).not.toContain(trace);
    });

    it('is reachable from the community\'s staff view, for its staff only', async () => {
      expect((await c.grace.get(`/alumni/${c.communityId}`)).text).toContain(`href="/c/${c.space}/care/cohorts"`);
      const page = await c.grace.get(`/c/${c.space}/care/cohorts`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('BIO101 · Autumn 2026');
      for (const trace of people()) expect(page.text).not.toContain(trace);
      expect((await c.ada.get(`/c/${c.space}/care/cohorts`).set('Accept', 'application/json')).status).toBe(403);
      expect((await c.cleo.get(`/c/${c.autumn}/care/cohorts`).set('Accept', 'application/json')).status).toBe(403);
    });

    it('says what to do when the course has no community, or the community no runs', async () => {
      const alan = c.f.browser();
      const chemistry = await c.f.launch(alan, ALAN, CHEMISTRY);
      expect((await alan.get(`/c/${chemistry}/care/insights`)).text).not.toContain('/care/cohorts');
      expect((await alan.get(`/c/${chemistry}/care/cohorts`)).text).toContain('data-not-linked');
      const empty = await createTemplates(VIEWS_DIR).renderPartial('insights-cohorts', { weeks: [], cohorts: [] });
      expect(empty).toContain('data-no-cohorts');
    });
  });

  describe('endorsed answers by tag on alumni profiles', () => {
    it('counts staff-endorsed answers under the person\'s name, across the space and every run, by tag name', async () => {
      const genetics = await c.tag(c.space, 'genetics');
      const question = await postThread(c.bo, c.space, { title: 'Gene therapy careers?', body: '?', kind: 'question', tagIds: [genetics] });
      const answer = await postReply(c.ada, c.space, question.id, { body: 'Start in a lab' });
      await postReply(c.ada, c.space, question.id, { body: 'Not endorsed, not counted' });
      await act(c.grace, c.space, `${room()}/replies/${answer.id}/endorse`, { endorsed: true });
      for (const who of [c.ada, c.bo]) {
        const saved = await post(who, `/alumni/${c.communityId}/profile`, { visible: true, displayName: who === c.ada ? 'Ada L.' : 'Bo D.', bio: '', tags: '' }, `/alumni/${c.communityId}`);
        expect(saved.status).toBe(200);
      }
      const ada = await c.cleo.get(`/alumni/${c.communityId}/people/${c.ids.ada}`);
      expect(ada.text).toContain('Endorsed answers by tag');
      // One in the spring run ("Genetics") and one in the space ("genetics"): the same topic.
      expect(ada.text).toMatch(/<span class="tag">(G|g)enetics<\/span> 2/);
      // Bo's endorsed spring answer was anonymous to classmates: a profile never counts it.
      const bo = await c.cleo.get(`/alumni/${c.communityId}/people/${c.ids.bo}`);
      expect(bo.text).toContain('Endorsed answers by tag');
      expect(bo.text).not.toMatch(/<span class="tag">(G|g)enetics<\/span>/);
    });
  });
});
