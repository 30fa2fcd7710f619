import path from 'node:path';
import Database from 'better-sqlite3';
import { spaceCourseKey } from '../../src/domain/alumni';
import { newId } from '../../src/domain/ids';
import { launchIntoCourse, newBrowser } from '../support/launch';
import { act, postReply, postThread, threadPath } from '../support/room';
import { ROLE } from '../support/test-platform';
import { allowAnonymity, personIdOf, startCareFixture, type CareFixture } from './support';

/** Every text cell of every table of the SQLite file that contains `needle`, as table.column. */
function findInDatabase(dataDir: string, needle: string): string[] {
  const db = new Database(path.join(dataDir, 'agora.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    const hits: string[] = [];
    for (const table of tables) {
      for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>) {
        for (const [column, value] of Object.entries(row)) if (typeof value === 'string' && value.includes(needle)) hits.push(`${table}.${column}`);
      }
    }
    return hits;
  } finally {
    db.close();
  }
}

/** Every person's own data: download everything Agora holds about them, and erase it. */
describe('my data: personal export and erasure', () => {
  let f: CareFixture;
  let adaId: string;
  let boId: string;
  let named: { id: string };
  let secret: { id: string };
  let mention: { id: string };
  let communityId: string;
  let bosQuestionId: string;
  const myData = () => `/c/${f.courseId}/my-data`;

  /**
   * Ada in the other areas: a hotseat where she asked (under her name), voted, followed up, was a
   * guest host who introduced herself (by name and address) and answered Bo; an alumni profile under
   * her name with her address in its bio, as a mentor; a participation score sent to the LMS.
   */
  async function seedOtherAreas(): Promise<void> {
    const s = f.agora.storage;
    const grace = await personIdOf(f, 'grace');
    const t = f.now().getTime() - 86_400_000;
    const at = (minutes: number) => new Date(t + minutes * 60_000);
    const hotseatId = newId(t);
    await s.hotseats.create({
      id: hotseatId, courseId: f.courseId, title: 'Enzymes hotseat', descriptionSource: '', descriptionHtml: '', createdBy: grace, publishedAt: at(0),
      opensAt: at(1), startsAt: at(60), endsAt: at(120), phase: 'closed', premoderation: false, convertOnClose: false, answeringQuestionId: null,
      createdAt: at(0), updatedAt: at(0),
    });
    await s.hotseatHosts.add({ hotseatId, courseId: f.courseId, personId: adaId, kind: 'guest', bio: 'Ada Lovelace, write to ada@uni.example', addedAt: at(0) });
    const question = (id: string, authorId: string, body: string, extra: object = {}) => s.hotseatQuestions.create({
      id, hotseatId, courseId: f.courseId, authorId, anonymity: 'named', bodySource: body, bodyHtml: `<p>${body}</p>`, status: 'open', hidden: false,
      voteCount: 0, voteVersion: 0, declineReason: null, mergedIntoId: null, answerSource: null, answerHtml: null, answeredBy: null, answeredAt: null,
      convertedThreadId: null, createdAt: at(10), editedAt: null, ...extra,
    });
    const adasQuestion = newId(at(10).getTime());
    bosQuestionId = newId(at(11).getTime());
    await question(adasQuestion, adaId, 'Ada asks the hotseat');
    await question(bosQuestionId, boId, 'Bo asks the hotseat', { status: 'answered', answerSource: 'Ada answers Bo', answerHtml: '<p>Ada answers Bo</p>', answeredBy: adaId, answeredAt: at(70) });
    await s.hotseatVotes.toggle({ courseId: f.courseId, hotseatId, questionId: bosQuestionId, personId: adaId, at: at(20) });
    await s.hotseatFollowUps.create({ id: newId(at(30).getTime()), questionId: adasQuestion, hotseatId, courseId: f.courseId, authorId: adaId, anonymity: 'named', bodySource: 'Ada follows up', bodyHtml: '<p>Ada follows up</p>', createdAt: at(30) });

    communityId = newId(t);
    const space = await s.courses.upsertByKey(spaceCourseKey(communityId), { id: newId(t), title: 'Biology alumni', label: 'Alumni community', now: at(0) });
    await s.communities.create({ id: communityId, name: 'Biology alumni', joinCode: 'ABCD-EFGH', spaceCourseId: space.id, learnerAccess: 'read', quietDays: 14, createdBy: grace, createdAt: at(0) });
    await s.alumni.add([{ communityId, personId: adaId, courseId: f.courseId, cohortLabel: 'Spring', graduatedAt: at(0) }]);
    await s.alumniProfiles.save({ communityId, personId: adaId, visible: true, displayName: 'Ada Lovelace', bio: 'ada@uni.example', tags: ['enzymes'], happyToBeAsked: true, updatedAt: at(0) });
    await s.alumni.setMentor(communityId, adaId, true, at(0));
    await s.participationGrades.recordPushedScore(f.courseId, { personId: adaId, scoreGiven: 7, scoreMaximum: 10, pushedAt: at(80) });
  }

  beforeAll(async () => {
    f = await startCareFixture();
    await allowAnonymity(f, 'everyone');
    // A launch that shares everything: name parts and email too.
    await launchIntoCourse(f.ada, f.platform, f.agora.url, f.platform.claims({
      sub: 'ada', name: 'Ada Lovelace', roles: [ROLE.learner], extra: { given_name: 'Ada', family_name: 'Lovelace', email: 'ada@uni.example' },
    }));
    adaId = await personIdOf(f, 'ada');
    boId = await personIdOf(f, 'bo');
    named = await postThread(f.ada, f.courseId, { title: 'Ada asks about enzymes', body: 'What do enzymes do?', kind: 'question' });
    secret = await postReply(f.ada, f.courseId, named.id, { body: 'My anonymous afterthought', anonymity: 'everyone' });
    // Bo answers anonymously, so Ada's notification is about someone she may not know.
    await postReply(f.bo, f.courseId, named.id, { body: 'Anonymous help from Bo', anonymity: 'everyone' });
    const bosThread = await postThread(f.bo, f.courseId, { title: 'Bo shares notes', body: 'Notes' });
    await act(f.ada, f.courseId, `/c/${f.courseId}/discussion/posts/thread/${bosThread.id}/vote`);
    await act(f.ada, f.courseId, `/c/${f.courseId}/discussion/posts/thread/${bosThread.id}/report`, { reason: 'Copied from the textbook' });
    mention = await postReply(f.cy, f.courseId, bosThread.id, { body: 'Thanks @ada.lovelace for the tip' });
    await seedOtherAreas();
  });
  afterAll(() => f.close());

  it('gives a person everything Agora holds about them as one JSON download, anonymous posts included', async () => {
    const response = await f.ada.get(`${myData()}/export.json`);
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="agora-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = JSON.parse(response.text);
    expect(data.person).toMatchObject({ id: adaId, name: 'Ada Lovelace', familyName: 'Lovelace', email: 'ada@uni.example', lmsUserId: 'ada' });
    expect(data.memberships).toEqual([expect.objectContaining({ courseId: f.courseId, role: 'learner' })]);
    expect(data.posts.map((p: { body: string }) => p.body)).toEqual(['What do enzymes do?', 'My anonymous afterthought']);
    expect(data.posts[1]).toMatchObject({ type: 'reply', anonymity: 'anonymous to everyone' });
    expect(data.votes).toHaveLength(1);
    expect(data.following.map((t: { threadId: string }) => t.threadId)).toContain(named.id);
    expect(data.reportsYouFiled).toEqual([expect.objectContaining({ reason: 'Copied from the textbook' })]);
    expect(data.notifications.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['answer', 'mention']));
    expect(data.signedInSessions.length).toBeGreaterThan(0);
    expect(data.pseudonyms).toHaveLength(1);
    // Nothing in it unmasks Bo, who answered Ada anonymously.
    for (const trace of [boId, 'Bo Diddley', 'Anonymous help from Bo']) expect(response.text).not.toContain(trace);
  });

  it('includes what the hotseat, the alumni space and participation grades hold about them, naming no one else', async () => {
    const response = await f.ada.get(`${myData()}/export.json`);
    const data = JSON.parse(response.text);
    expect(data.hotseatQuestions).toEqual([expect.objectContaining({ body: 'Ada asks the hotseat', anonymity: 'named', status: 'open' })]);
    expect(data.hotseatFollowUps).toEqual([expect.objectContaining({ body: 'Ada follows up' })]);
    expect(data.hotseatVotes).toEqual([expect.objectContaining({ questionId: bosQuestionId })]);
    expect(data.hotseatsYouHosted).toEqual([expect.objectContaining({ as: 'guest host', introduction: 'Ada Lovelace, write to ada@uni.example' })]);
    expect(data.hotseatAnswersYouGave).toEqual([expect.objectContaining({ questionId: bosQuestionId, answer: 'Ada answers Bo' })]);
    expect(data.alumniOf).toEqual([expect.objectContaining({ communityId, community: 'Biology alumni', cohort: 'Spring' })]);
    expect(data.alumniProfiles).toEqual([expect.objectContaining({ community: 'Biology alumni', displayName: 'Ada Lovelace', expertise: ['enzymes'], visible: true })]);
    expect(data.participationScoresSentToYourLms).toEqual([expect.objectContaining({ courseId: f.courseId, score: 7, outOf: 10 })]);
    // The answer she gave says nothing of who asked.
    expect(response.text).not.toContain('Bo asks the hotseat');
  });

  it('erases only after the person confirms', async () => {
    const confirm = await f.ada.get(`${myData()}/erase`);
    expect(confirm.text).toContain('erase my data');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(confirm.text)![1]!;
    const refused = await f.ada.post(`${myData()}/erase`).type('form').send({ _csrf: csrf, confirmation: 'yes' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('To erase your data, type “erase my data” in the box.');
    expect(await f.agora.storage.people.findById(adaId)).toMatchObject({ name: 'Ada Lovelace' });
  });

  it('erases a person: posts stay as "Former member", anonymous ones keep their pseudonym, and nothing names them', async () => {
    const pseudonym = (await f.agora.storage.pseudonyms.findMany(f.courseId, [adaId])).get(adaId)!;
    // She also opted in to alumni email sign-in: her address must go too, and with it any way back in.
    await f.agora.storage.signIn.optIn({ personId: adaId, email: 'ada@uni.example', optedInAt: new Date() });
    const confirm = await f.ada.get(`${myData()}/erase`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(confirm.text)![1]!;
    const erased = await f.ada.post(`${myData()}/erase`).type('form').send({ _csrf: csrf, confirmation: ' Erase My Data ' });
    expect(erased.status).toBe(200);
    expect(erased.text).toContain('Your data was erased');
    expect(String(erased.headers['set-cookie'])).toMatch(/agora_sid=;/);

    expect((await f.ada.get(`/c/${f.courseId}`)).status).toBe(401);
    expect(await f.agora.storage.people.findById(adaId)).toMatchObject({ name: 'Former member', givenName: null, familyName: null, email: null });
    expect((await f.agora.storage.people.findById(adaId))!.subject).toMatch(/^erased:/);
    expect(await f.agora.storage.memberships.find(f.courseId, adaId)).toBeNull();
    expect(await f.agora.storage.signIn.findOptIn(adaId)).toBeNull();
    // Her hotseat question stays, as by "Former member"; her vote goes (the count stays); so do her
    // introduction as a host, her alumni profile and mentor mark, and the record of her grade.
    const hotseatQuestions = await f.agora.storage.hotseatQuestions.listByHotseat((await f.agora.storage.hotseats.listByCourse(f.courseId))[0]!.id);
    expect(hotseatQuestions.find((q) => q.bodySource === 'Ada asks the hotseat')).toMatchObject({ authorId: adaId });
    expect(hotseatQuestions.find((q) => q.id === bosQuestionId)).toMatchObject({ voteCount: 1, answeredBy: adaId, answerSource: 'Ada answers Bo' });
    expect(await f.agora.storage.hotseatVotes.votedBy(adaId, [bosQuestionId])).toEqual(new Set());
    expect((await f.agora.storage.hotseatHosts.listByPerson(adaId))[0]).toMatchObject({ kind: 'guest', bio: null });
    expect(await f.agora.storage.alumniProfiles.find(communityId, adaId)).toBeNull();
    expect(await f.agora.storage.alumni.isMentor(communityId, adaId)).toBe(false);
    expect(await f.agora.storage.participationGrades.listPushedScores(f.courseId)).toEqual([]);
    const staffView = await f.grace.get(`/c/${f.courseId}/care/export/hotseats.csv`);
    expect(staffView.text).toContain('Former member');
    expect(staffView.text).not.toContain('Ada Lovelace');

    for (const viewer of [f.bo, f.grace]) {
      const page = await viewer.get(threadPath(f.courseId, named.id));
      expect(page.text).toContain('Ada asks about enzymes');
      expect(page.text).toContain('Former member');
      expect(page.text).toContain(pseudonym);
      expect(page.text).not.toContain('Ada Lovelace');
    }
    const mentioned = await f.bo.get(`/api/courses/${f.courseId}/threads/${(await f.agora.storage.replies.findById(f.courseId, mention.id))!.threadId}`);
    expect(JSON.stringify(mentioned.body)).not.toContain('Ada Lovelace');
    expect(JSON.stringify(mentioned.body)).toContain('@Former member');
    expect(await f.agora.storage.search.search(f.courseId, 'Lovelace', 10)).toEqual([]);
    // Nowhere in the store: not her name, not her email (other people's posts mentioned her by name).
    expect(findInDatabase(f.agora.dataDir, 'Lovelace')).toEqual([]);
    expect(findInDatabase(f.agora.dataDir, 'ada@uni.example')).toEqual([]);
    expect(findInDatabase(f.agora.dataDir, 'ada.lovelace')).toEqual([]);
    expect((await f.agora.storage.replies.findById(f.courseId, mention.id))!.bodySource).toBe('Thanks @former.member for the tip');
    const exported = await f.grace.get(`/c/${f.courseId}/care/export/discussion.json`);
    expect(exported.text).not.toContain('Ada Lovelace');
    expect(exported.text).toContain('My anonymous afterthought');
  });

  it('starts a fresh, empty person when the erased person launches again', async () => {
    const again = newBrowser(f.agora.url);
    await launchIntoCourse(again, f.platform, f.agora.url, f.platform.claims({ sub: 'ada', name: 'Ada Lovelace', roles: [ROLE.learner] }));
    const data = JSON.parse((await again.get(`${myData()}/export.json`)).text);
    expect(data.person.id).not.toBe(adaId);
    expect(data.posts).toEqual([]);
    const page = await again.get(threadPath(f.courseId, named.id));
    expect(page.text).toContain('Former member');
    expect(page.text).not.toContain('(you)');
    expect(secret.id).toBeTruthy();
  });
});
