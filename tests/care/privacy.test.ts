import path from 'node:path';
import Database from 'better-sqlite3';
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
  const myData = () => `/c/${f.courseId}/my-data`;

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
