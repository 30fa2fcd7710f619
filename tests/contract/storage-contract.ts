/**
 * One behavioural contract for every storage adapter. Each adapter's test file calls
 * `describeStorageContract` with a way to open a fresh, empty store; nothing in here may ask
 * which adapter it is talking to.
 */
import type { Course } from '../../src/domain/course';
import type { Reply, Thread } from '../../src/domain/discussion';
import { newId } from '../../src/domain/ids';
import type { Person } from '../../src/domain/person';
import type { Page, Storage, ThreadQuery } from '../../src/storage/ports';
import { SEARCH_MARK } from '../../src/storage/ports';
import { describeHotseatContract } from './hotseat-contract';
import { describeLtiContract } from './lti-contract';
import { describeAlumniContract } from './alumni-contract';
import { describeGradesContract } from './grades-contract';
import { describeCareContract } from './care-contract';
import { describeI18nContract } from './i18n-contract';
import { describeDigestContract } from './digest-contract';

export function describeStorageContract(adapterName: string, openFresh: () => Promise<Storage>): void {
  describe(`storage contract: ${adapterName}`, () => {
    let storage: Storage;
    const t0 = new Date('2026-01-05T10:00:00.000Z');
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

    beforeEach(async () => {
      storage = await openFresh();
    });
    afterEach(async () => {
      await storage.close();
    });

    const key = { issuer: 'https://lms.example', clientId: 'client-1', deploymentId: 'dep-1', contextId: 'ctx-1' };

    async function aCourse(contextId = 'ctx-1'): Promise<Course> {
      return storage.courses.upsertByKey({ ...key, contextId }, { id: newId(), title: `Course ${contextId}`, label: 'C1', now: t0 });
    }
    async function aPerson(subject = 'sub-1'): Promise<Person> {
      return storage.people.upsertByIdentity(
        { issuer: key.issuer, subject },
        { id: newId(), name: `Person ${subject}`, givenName: null, familyName: null, email: null, now: t0 },
      );
    }
    function aThread(course: Course, author: Person, overrides: Partial<Thread> = {}): Thread {
      return {
        id: newId(), courseId: course.id, authorId: author.id, kind: 'discussion', anonymity: 'named', title: 'A question',
        bodySource: 'Body', bodyHtml: '<p>Body</p>', tagIds: [], replyCount: 0, answerCount: 0, voteCount: 0,
        pinned: false, locked: false, hidden: false, acceptedReplyId: null, endorsedAnswerCount: 0,
        createdAt: t0, editedAt: null, deletedAt: null, lastActivityAt: t0, ...overrides,
      };
    }
    function aReply(thread: Thread, author: Person, overrides: Partial<Reply> = {}): Reply {
      return {
        id: newId(), courseId: thread.courseId, threadId: thread.id, parentId: null, authorId: author.id, anonymity: 'named',
        bodySource: 'r', bodyHtml: '<p>r</p>', voteCount: 0, hidden: false, endorsedBy: null, endorsedAt: null,
        createdAt: t0, editedAt: null, deletedAt: null, ...overrides,
      };
    }
    const listAll = async (courseId: string, query: Partial<ThreadQuery> = {}) => {
      const seen: Thread[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<Thread> = await storage.threads.list(courseId, { sort: 'activity', limit: 2, includeHidden: false, ...query, cursor });
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };

    it('answers a ping', async () => {
      await expect(storage.ping()).resolves.toBeUndefined();
    });

    describe('courses', () => {
      it('creates a course on first launch and keeps its id on later launches while refreshing the title', async () => {
        const first = await aCourse();
        const again = await storage.courses.upsertByKey(key, { id: newId(), title: 'Renamed', label: null, now: at(60) });
        expect(again.id).toBe(first.id);
        expect(again.title).toBe('Renamed');
        expect(again.label).toBeNull();
        expect(again.createdAt).toEqual(t0);
        expect(await storage.courses.findById(first.id)).toEqual(again);
      });

      it('keeps courses of different deployments apart even with the same context id', async () => {
        const a = await aCourse();
        const b = await storage.courses.upsertByKey({ ...key, deploymentId: 'dep-2' }, { id: newId(), title: 'B', label: null, now: t0 });
        expect(b.id).not.toBe(a.id);
      });

      it('returns null for an unknown course', async () => {
        expect(await storage.courses.findById('nope')).toBeNull();
      });
    });

    describe('people', () => {
      it('identifies a person by issuer and subject and refreshes what the platform shares', async () => {
        const first = await aPerson();
        const again = await storage.people.upsertByIdentity(
          { issuer: key.issuer, subject: 'sub-1' },
          { id: newId(), name: null, givenName: 'Ada', familyName: 'L', email: 'ada@example.edu', now: at(5) },
        );
        expect(again.id).toBe(first.id);
        expect(again).toMatchObject({ name: null, givenName: 'Ada', email: 'ada@example.edu' });
        expect(await storage.people.findById(first.id)).toEqual(again);
      });

      it('finds several people at once, ignoring duplicates and unknown ids', async () => {
        const a = await aPerson('a');
        const b = await aPerson('b');
        const found = await storage.people.findByIds([a.id, b.id, a.id, 'unknown']);
        expect(found.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
        expect(await storage.people.findByIds([])).toEqual([]);
      });
    });

    describeLtiContract(() => storage, t0);
    describeAlumniContract(() => storage, t0);
    describeGradesContract(() => storage, t0);
    describeCareContract(() => storage, t0);
    describeI18nContract(() => storage, t0);
    describeDigestContract(() => storage, t0);
    describeHotseatContract(() => storage, t0);

    describe('memberships', () => {
      it('records the first launch and updates role and roles on the next', async () => {
        const course = await aCourse();
        const person = await aPerson();
        const first = await storage.memberships.recordLaunch({ courseId: course.id, personId: person.id, role: 'learner', ltiRoles: ['Learner'], now: t0 });
        expect(first).toMatchObject({ role: 'learner', ltiRoles: ['Learner'], firstLaunchAt: t0, lastLaunchAt: t0 });
        const later = await storage.memberships.recordLaunch({ courseId: course.id, personId: person.id, role: 'staff', ltiRoles: ['Instructor'], now: at(99) });
        expect(later).toMatchObject({ role: 'staff', ltiRoles: ['Instructor'], firstLaunchAt: t0, lastLaunchAt: at(99) });
        expect(await storage.memberships.find(course.id, person.id)).toEqual(later);
        expect(await storage.memberships.countByCourse(course.id)).toBe(1);
      });

      it('lists a course\'s members in the order they joined', async () => {
        const course = await aCourse();
        const bo = await aPerson('bo');
        const ada = await aPerson('ada');
        await storage.memberships.recordLaunch({ courseId: course.id, personId: bo.id, role: 'learner', ltiRoles: [], now: at(1) });
        await storage.memberships.recordLaunch({ courseId: course.id, personId: ada.id, role: 'staff', ltiRoles: [], now: at(2) });
        await storage.memberships.recordLaunch({ courseId: course.id, personId: bo.id, role: 'learner', ltiRoles: [], now: at(3) });
        expect((await storage.memberships.listByCourse(course.id)).map((m) => m.personId)).toEqual([bo.id, ada.id]);
      });

      it('returns null for someone who never launched the course', async () => {
        const course = await aCourse();
        expect(await storage.memberships.find(course.id, 'stranger')).toBeNull();
        expect(await storage.memberships.countByCourse(course.id)).toBe(0);
      });
    });

    describe('sessions', () => {
      it('finds a session until it expires, and not after', async () => {
        const person = await aPerson();
        await storage.sessions.create({ tokenHash: 'h1', personId: person.id, createdAt: t0, expiresAt: at(3600) });
        expect(await storage.sessions.findActive('h1', at(10))).toMatchObject({ personId: person.id, expiresAt: at(3600) });
        expect(await storage.sessions.findActive('h1', at(3600))).toBeNull();
        expect(await storage.sessions.findActive('other', at(10))).toBeNull();
      });

      it('deletes one session, and purges the expired ones', async () => {
        const person = await aPerson();
        await storage.sessions.create({ tokenHash: 'a', personId: person.id, createdAt: t0, expiresAt: at(10) });
        await storage.sessions.create({ tokenHash: 'b', personId: person.id, createdAt: t0, expiresAt: at(1000) });
        await storage.sessions.create({ tokenHash: 'c', personId: person.id, createdAt: t0, expiresAt: at(1000) });
        await storage.sessions.delete('c');
        expect(await storage.sessions.deleteExpired(at(20))).toBe(1);
        expect(await storage.sessions.findActive('b', at(20))).not.toBeNull();
        expect(await storage.sessions.findActive('c', at(20))).toBeNull();
      });
    });

    describe('launch states', () => {
      const state = {
        state: 'state-1', nonce: 'nonce-1', issuer: key.issuer, clientId: key.clientId, deploymentId: null,
        targetLinkUri: 'https://agora.example/lti/launch', createdAt: t0, expiresAt: at(300),
      };

      it('gives a state back exactly once', async () => {
        await storage.launchStates.create(state);
        expect(await storage.launchStates.consume('state-1', at(1))).toEqual(state);
        expect(await storage.launchStates.consume('state-1', at(2))).toBeNull();
      });

      it('lets only one of several simultaneous consumers have the state', async () => {
        await storage.launchStates.create(state);
        const results = await Promise.all(Array.from({ length: 8 }, () => storage.launchStates.consume('state-1', at(1))));
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('never returns an expired state', async () => {
        await storage.launchStates.create(state);
        expect(await storage.launchStates.consume('state-1', at(300))).toBeNull();
      });

      it('refuses a second state with the same nonce', async () => {
        await storage.launchStates.create(state);
        // Not toThrow(): a native driver's error may come from another realm than this test file's Error.
        await expect(storage.launchStates.create({ ...state, state: 'state-2' })).rejects.toHaveProperty('message');
      });

      it('purges expired states', async () => {
        await storage.launchStates.create(state);
        await storage.launchStates.create({ ...state, state: 's2', nonce: 'n2', expiresAt: at(900) });
        expect(await storage.launchStates.deleteExpired(at(600))).toBe(1);
      });
    });

    describe('deployments', () => {
      it('adds deployments idempotently and checks them exactly', async () => {
        await storage.deployments.add({ issuer: key.issuer, clientId: 'c', deploymentId: 'd1', now: t0 });
        await storage.deployments.add({ issuer: key.issuer, clientId: 'c', deploymentId: 'd1', now: at(5) });
        await storage.deployments.add({ issuer: key.issuer, clientId: 'c', deploymentId: 'd2', now: at(6) });
        expect(await storage.deployments.exists(key.issuer, 'c', 'd1')).toBe(true);
        expect(await storage.deployments.exists(key.issuer, 'other-client', 'd1')).toBe(false);
        expect(await storage.deployments.exists(key.issuer, 'c', 'd3')).toBe(false);
        expect((await storage.deployments.listForPlatform(key.issuer, 'c')).map((d) => d.deploymentId)).toEqual(['d1', 'd2']);
        expect(await storage.deployments.listAll()).toHaveLength(2);
      });

      it('removes one deployment or all of a platform', async () => {
        for (const d of ['d1', 'd2', 'd3']) await storage.deployments.add({ issuer: key.issuer, clientId: 'c', deploymentId: d, now: t0 });
        expect(await storage.deployments.remove(key.issuer, 'c', 'd1')).toBe(1);
        expect(await storage.deployments.remove(key.issuer, 'c')).toBe(2);
        expect(await storage.deployments.listAll()).toEqual([]);
      });
    });

    describe('threads and replies', () => {
      it('stores a thread and finds it only within its course', async () => {
        const course = await aCourse();
        const other = await aCourse('ctx-2');
        const thread = aThread(course, await aPerson());
        await storage.threads.create(thread);
        expect(await storage.threads.findById(course.id, thread.id)).toEqual(thread);
        expect(await storage.threads.findById(other.id, thread.id)).toBeNull();
      });

      it('lists threads by latest activity, a page at a time, without gaps or repeats', async () => {
        const course = await aCourse();
        const author = await aPerson();
        const created: Thread[] = [];
        for (let i = 0; i < 7; i += 1) {
          // Two threads share each activity time, to prove the id breaks ties consistently.
          const thread = aThread(course, author, { title: `T${i}`, lastActivityAt: at(Math.floor(i / 2)) });
          created.push(thread);
          await storage.threads.create(thread);
        }
        const expected = [...created]
          .sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || (a.id < b.id ? 1 : -1))
          .map((t) => t.id);
        expect((await listAll(course.id)).map((t) => t.id)).toEqual(expected);
        expect(await storage.threads.countByCourse(course.id)).toBe(7);
      });

      it('puts pinned threads first, then sorts by newest or by votes', async () => {
        const course = await aCourse();
        const author = await aPerson();
        const old = aThread(course, author, { createdAt: at(1), voteCount: 5 });
        const pinned = aThread(course, author, { createdAt: at(0), pinned: true });
        const fresh = aThread(course, author, { createdAt: at(9), voteCount: 1 });
        for (const t of [old, pinned, fresh]) await storage.threads.create(t);
        expect((await listAll(course.id, { sort: 'newest' })).map((t) => t.id)).toEqual([pinned.id, fresh.id, old.id]);
        expect((await listAll(course.id, { sort: 'top' })).map((t) => t.id)).toEqual([pinned.id, old.id, fresh.id]);
      });

      it('filters: unanswered, unresolved questions, by author, followed, by tag; hides hidden threads unless asked', async () => {
        const course = await aCourse();
        const ada = await aPerson('ada');
        const bo = await aPerson('bo');
        const tag = { id: newId(), courseId: course.id, name: 'Week 1', createdAt: t0 };
        await storage.tags.create(tag);
        const answered = aThread(course, ada, { answerCount: 1, replyCount: 1 });
        const openQuestion = aThread(course, bo, { kind: 'question', tagIds: [tag.id] });
        const resolved = aThread(course, bo, { kind: 'question', answerCount: 1, replyCount: 1, endorsedAnswerCount: 1 });
        const hidden = aThread(course, ada, { hidden: true });
        for (const t of [answered, openQuestion, resolved, hidden]) await storage.threads.create(t);
        await storage.follows.follow({ personId: ada.id, threadId: openQuestion.id, courseId: course.id, at: t0 });
        const ids = async (q: Partial<ThreadQuery>) => (await listAll(course.id, q)).map((t) => t.id).sort();
        expect(await ids({ unanswered: true })).toEqual([openQuestion.id].sort());
        expect(await ids({ unresolved: true })).toEqual([openQuestion.id]);
        expect(await ids({ authorId: ada.id })).toEqual([answered.id]);
        expect(await ids({ followedBy: ada.id })).toEqual([openQuestion.id]);
        expect(await ids({ tagId: tag.id })).toEqual([openQuestion.id]);
        expect(await ids({ includeHidden: true, authorId: ada.id })).toEqual([answered.id, hidden.id].sort());
        expect((await storage.threads.findById(course.id, openQuestion.id))!.tagIds).toEqual([tag.id]);
      });

      it('keeps a deleted thread in lists only while it still has replies', async () => {
        const course = await aCourse();
        const author = await aPerson();
        const lonely = aThread(course, author, { deletedAt: t0 });
        const discussed = aThread(course, author, { deletedAt: t0, replyCount: 2, answerCount: 2 });
        for (const t of [lonely, discussed]) await storage.threads.create(t);
        expect((await listAll(course.id)).map((t) => t.id)).toEqual([discussed.id]);
      });

      it('updates fields and tags, and counts with increments that never lose a concurrent change', async () => {
        const course = await aCourse();
        const author = await aPerson();
        const thread = aThread(course, author);
        await storage.threads.create(thread);
        const tag = { id: newId(), courseId: course.id, name: 'Exam', createdAt: t0 };
        await storage.tags.create(tag);
        const updated = await storage.threads.update(course.id, thread.id, { title: 'New', pinned: true, tagIds: [tag.id], editedAt: at(3) });
        expect(updated).toMatchObject({ title: 'New', pinned: true, tagIds: [tag.id], editedAt: at(3), locked: false });
        await Promise.all(Array.from({ length: 10 }, () => storage.threads.increment(course.id, thread.id, { voteCount: 1 })));
        await storage.threads.increment(course.id, thread.id, { replyCount: 1, answerCount: 1 }, at(50));
        expect(await storage.threads.findById(course.id, thread.id)).toMatchObject({ voteCount: 10, replyCount: 1, answerCount: 1, lastActivityAt: at(50) });
        expect(await storage.threads.lastActivityAt(course.id)).toEqual(at(50));
        await storage.threads.removeTagEverywhere(course.id, tag.id);
        expect((await storage.threads.findById(course.id, thread.id))!.tagIds).toEqual([]);
        expect(await storage.threads.update(course.id, 'missing', { title: 'x' })).toBeNull();
      });

      it('counts posts by author and by time, for the rate limit and "new since your last visit"', async () => {
        const course = await aCourse();
        const ada = await aPerson('ada');
        const thread = aThread(course, ada, { createdAt: at(10) });
        await storage.threads.create(thread);
        await storage.replies.create(aReply(thread, ada, { createdAt: at(20) }));
        await storage.replies.create(aReply(thread, ada, { createdAt: at(30), hidden: true }));
        expect(await storage.threads.countByAuthorSince(course.id, ada.id, at(5))).toBe(1);
        expect(await storage.replies.countByAuthorSince(course.id, ada.id, at(25))).toBe(1);
        expect(await storage.threads.countCreatedSince(course.id, at(15))).toBe(0);
        expect(await storage.replies.countCreatedSince(course.id, at(15))).toBe(1);
        expect(await storage.replies.countCreatedSince(course.id, at(15), ada.id)).toBe(0);
        expect(await storage.threads.countCreatedSince(course.id, at(5), ada.id)).toBe(0);
        expect(await storage.threads.countCreatedSince(course.id, at(5), 'someone-else')).toBe(1);
      });

      it('has no last activity for an empty room', async () => {
        const course = await aCourse();
        expect(await storage.threads.lastActivityAt(course.id)).toBeNull();
        expect((await storage.threads.list(course.id, { sort: 'activity', limit: 5, includeHidden: true })).items).toEqual([]);
      });

      it('lists replies and comments in the order they were written, after a given one, and updates them', async () => {
        const course = await aCourse();
        const author = await aPerson();
        const thread = aThread(course, author);
        await storage.threads.create(thread);
        const replies: Reply[] = [];
        for (let i = 0; i < 4; i += 1) {
          const reply = aReply(thread, author, { id: newId(t0.getTime() + i), parentId: i === 3 ? replies[0]!.id : null, bodySource: `r${i}`, createdAt: at(i) });
          replies.push(reply);
          await storage.replies.create(reply);
        }
        expect(await storage.replies.listByThread(course.id, thread.id, { limit: 10 })).toEqual(replies);
        expect(await storage.replies.listByThread(course.id, thread.id, { limit: 2, after: replies[1]!.id })).toEqual(replies.slice(2, 4));
        expect(await storage.replies.findById(course.id, replies[2]!.id)).toEqual(replies[2]);
        expect(await storage.replies.findById('other-course', replies[2]!.id)).toBeNull();
        const endorsed = await storage.replies.update(course.id, replies[0]!.id, { endorsedBy: author.id, endorsedAt: at(9), bodySource: 'changed' });
        expect(endorsed).toMatchObject({ endorsedBy: author.id, endorsedAt: at(9), bodySource: 'changed' });
        await storage.replies.incrementVotes(course.id, replies[0]!.id, 1);
        await storage.replies.incrementVotes(course.id, replies[0]!.id, 1);
        expect((await storage.replies.findById(course.id, replies[0]!.id))!.voteCount).toBe(2);
      });
    });

    describe('the rest of the discussion room', () => {
      it('keeps revisions of a post, oldest first', async () => {
        const course = await aCourse();
        const author = await aPerson();
        for (const [i, text] of ['first', 'second'].entries()) {
          await storage.revisions.add({ id: newId(), courseId: course.id, postKind: 'thread', postId: 'p1', title: `T${i}`, bodySource: text, editorId: author.id, createdAt: at(i) });
        }
        expect((await storage.revisions.listForPost(course.id, 'thread', 'p1')).map((r) => r.bodySource)).toEqual(['first', 'second']);
        expect(await storage.revisions.listForPost(course.id, 'reply', 'p1')).toEqual([]);
      });

      it('toggles one vote per person per post', async () => {
        const course = await aCourse();
        const ada = await aPerson('ada');
        const vote = { courseId: course.id, postKind: 'thread' as const, postId: 't1', personId: ada.id, at: t0 };
        expect(await storage.votes.toggle(vote)).toBe(true);
        expect(await storage.votes.votedBy(ada.id, 'thread', ['t1', 't2'])).toEqual(new Set(['t1']));
        expect(await storage.votes.toggle(vote)).toBe(false);
        expect(await storage.votes.votedBy(ada.id, 'thread', ['t1'])).toEqual(new Set());
      });

      it('keeps tags unique per course whatever their case, and deletes them', async () => {
        const course = await aCourse();
        const tag = { id: newId(), courseId: course.id, name: 'Week 1', createdAt: t0 };
        await storage.tags.create(tag);
        await expect(storage.tags.create({ ...tag, id: newId(), name: 'WEEK 1' })).rejects.toHaveProperty('message');
        await storage.tags.create({ ...tag, id: newId(), name: 'Exam' });
        expect((await storage.tags.listByCourse(course.id)).map((t) => t.name)).toEqual(['Exam', 'Week 1']);
        expect(await storage.tags.delete(course.id, tag.id)).toBe(true);
        expect(await storage.tags.delete(course.id, tag.id)).toBe(false);
      });

      it('follows and unfollows threads', async () => {
        const course = await aCourse();
        const ada = await aPerson('ada');
        const bo = await aPerson('bo');
        const thread = aThread(course, ada);
        await storage.threads.create(thread);
        await storage.follows.follow({ personId: ada.id, threadId: thread.id, courseId: course.id, at: t0 });
        await storage.follows.follow({ personId: ada.id, threadId: thread.id, courseId: course.id, at: t0 });
        await storage.follows.follow({ personId: bo.id, threadId: thread.id, courseId: course.id, at: at(1) });
        expect(await storage.follows.followersOf(thread.id)).toEqual([ada.id, bo.id]);
        await storage.follows.unfollow(bo.id, thread.id);
        expect(await storage.follows.followedBy(bo.id, [thread.id])).toEqual(new Set());
        expect(await storage.follows.followedBy(ada.id, [thread.id])).toEqual(new Set([thread.id]));
      });

      it('remembers what a person read and when they last visited', async () => {
        const course = await aCourse();
        const ada = await aPerson('ada');
        await storage.readState.markRead({ personId: ada.id, threadId: 't1', courseId: course.id, at: at(5) });
        await storage.readState.markRead({ personId: ada.id, threadId: 't1', courseId: course.id, at: at(2) });
        expect(await storage.readState.lastReads(ada.id, ['t1', 't2'])).toEqual(new Map([['t1', at(5)]]));
        expect(await storage.readState.recordVisit(ada.id, course.id, at(10))).toBeNull();
        expect(await storage.readState.recordVisit(ada.id, course.id, at(20))).toEqual(at(10));
      });

      it('stores notifications, counts and marks them read', async () => {
        const course = await aCourse();
        const ada = await aPerson('ada');
        const make = (i: number) => ({ id: newId(t0.getTime() + i), personId: ada.id, courseId: course.id, kind: 'reply' as const, threadId: 't', replyId: null, actorId: 'x', createdAt: at(i), readAt: null });
        for (let i = 0; i < 3; i += 1) await storage.notifications.create(make(i));
        const listed = await storage.notifications.listForPerson(ada.id, course.id, 10);
        expect(listed.map((n) => n.createdAt)).toEqual([at(2), at(1), at(0)]);
        expect(await storage.notifications.countUnread(ada.id, course.id)).toBe(3);
        expect(await storage.notifications.markRead(ada.id, course.id, at(9), [listed[0]!.id])).toBe(1);
        expect(await storage.notifications.markRead(ada.id, course.id, at(9))).toBe(2);
        expect(await storage.notifications.countUnread(ada.id, course.id)).toBe(0);
      });

      it('keeps reports open until the post they concern is dealt with', async () => {
        const course = await aCourse();
        const ada = await aPerson('ada');
        const report = (postId: string, i: number) => ({ id: newId(), courseId: course.id, postKind: 'reply' as const, postId, threadId: 't', reporterId: ada.id, reason: `r${i}`, createdAt: at(i), resolvedAt: null, resolvedBy: null });
        await storage.reports.create(report('p1', 1));
        await storage.reports.create(report('p1', 2));
        await storage.reports.create(report('p2', 3));
        expect((await storage.reports.listOpen(course.id)).map((r) => r.reason)).toEqual(['r1', 'r2', 'r3']);
        expect(await storage.reports.resolveForPost(course.id, 'reply', 'p1', ada.id, at(9))).toBe(2);
        expect((await storage.reports.listOpen(course.id)).map((r) => r.reason)).toEqual(['r3']);
      });

      it('gives default settings until staff save theirs, and records policy acceptance', async () => {
        const course = await aCourse();
        const ada = await aPerson('ada');
        expect(await storage.settings.get(course.id, t0)).toMatchObject({ courseId: course.id, postingPolicy: null, policyVersion: 0 });
        await storage.settings.save({ courseId: course.id, anonymity: 'everyone', postingPolicy: 'Be kind', policyVersion: 1, updatedAt: at(1) });
        expect(await storage.settings.get(course.id, t0)).toEqual({ courseId: course.id, anonymity: 'everyone', postingPolicy: 'Be kind', policyVersion: 1, updatedAt: at(1) });
        expect(await storage.settings.acceptedPolicyVersion(course.id, ada.id)).toBeNull();
        await storage.settings.acceptPolicy({ courseId: course.id, personId: ada.id, version: 1, at: at(2) });
        expect(await storage.settings.acceptedPolicyVersion(course.id, ada.id)).toBe(1);
      });

      it('assigns each person one stable pseudonym per course, never shared', async () => {
        const course = await aCourse();
        const candidates = ['Anonymous Heron', 'Anonymous Otter'];
        expect(await storage.pseudonyms.getOrAssign(course.id, 'ada', candidates)).toBe('Anonymous Heron');
        expect(await storage.pseudonyms.getOrAssign(course.id, 'bo', candidates)).toBe('Anonymous Otter');
        expect(await storage.pseudonyms.getOrAssign(course.id, 'ada', ['Anonymous Yak'])).toBe('Anonymous Heron');
        expect(await storage.pseudonyms.findMany(course.id, ['ada', 'bo', 'cy'])).toEqual(new Map([['ada', 'Anonymous Heron'], ['bo', 'Anonymous Otter']]));
      });

      it('finds posts by their words, best first, with marked snippets, within one course', async () => {
        const course = await aCourse();
        const other = await aCourse('ctx-2');
        await storage.search.index({ courseId: course.id, postKind: 'thread', postId: 't1', threadId: 't1', title: 'Photosynthesis basics', body: 'Light reactions happen in the thylakoid.' });
        await storage.search.index({ courseId: course.id, postKind: 'reply', postId: 'r1', threadId: 't1', title: '', body: 'The Calvin cycle needs light indirectly.' });
        await storage.search.index({ courseId: other.id, postKind: 'thread', postId: 't9', threadId: 't9', title: 'Light', body: 'Other course' });
        const hits = await storage.search.search(course.id, 'light', 10);
        expect(hits.map((h) => h.postId).sort()).toEqual(['r1', 't1']);
        expect(hits[0]!.snippet).toContain(`${SEARCH_MARK.start}`);
        expect((await storage.search.search(course.id, 'photo', 10)).map((h) => h.postId)).toEqual(['t1']);
        await storage.search.remove('thread', 't1');
        expect((await storage.search.search(course.id, 'photosynthesis', 10))).toEqual([]);
        expect(await storage.search.search(course.id, '"*)(', 10)).toEqual([]);
      });
    });

    describe('course events', () => {
      it('numbers events in increasing order and lists those after a given number, per course', async () => {
        const a = await aCourse('a');
        const b = await aCourse('b');
        const e1 = await storage.events.append({ courseId: a.id, space: 'discussion', actorId: 'p', type: 'thread.created', threadId: 't1' }, t0);
        const e2 = await storage.events.append({ courseId: b.id, space: 'discussion', actorId: 'p', type: 'thread.created', threadId: 't2' }, t0);
        const e3 = await storage.events.append({ courseId: a.id, space: 'discussion', actorId: 'p', type: 'reply.created', threadId: 't1', replyId: 'r1' }, at(1));
        expect(e2.seq).toBeGreaterThan(e1.seq);
        expect(e3.seq).toBeGreaterThan(e2.seq);
        expect(e3).toMatchObject({ courseId: a.id, type: 'reply.created', threadId: 't1', replyId: 'r1', createdAt: at(1) });
        expect((await storage.events.listAfter(a.id, 0, 10)).map((e) => e.seq)).toEqual([e1.seq, e3.seq]);
        expect(await storage.events.listAfter(a.id, e1.seq, 10)).toEqual([e3]);
        expect(await storage.events.listAfter(a.id, e3.seq, 10)).toEqual([]);
        expect(await storage.events.latestSeq(a.id)).toBe(e3.seq);
        expect(await storage.events.latestSeq('none')).toBe(0);
      });
    });

    describe('transactions', () => {
      it('commits everything written inside a transaction', async () => {
        const course = await aCourse();
        const author = await aPerson();
        const thread = aThread(course, author);
        await storage.transaction(async (tx) => {
          await tx.threads.create(thread);
          await tx.events.append({ courseId: course.id, space: 'discussion', actorId: author.id, type: 'thread.created', threadId: thread.id }, t0);
        });
        expect(await storage.threads.findById(course.id, thread.id)).not.toBeNull();
        expect(await storage.events.latestSeq(course.id)).toBeGreaterThan(0);
      });

      it('leaves nothing behind when the work fails half-way', async () => {
        const course = await aCourse();
        const author = await aPerson();
        const thread = aThread(course, author);
        await expect(storage.transaction(async (tx) => {
          await tx.threads.create(thread);
          throw new Error('boom');
        })).rejects.toThrow('boom');
        expect(await storage.threads.findById(course.id, thread.id)).toBeNull();
        expect(await storage.threads.countByCourse(course.id)).toBe(0);
      });

      it('does not lose writes made by others while a transaction is open', async () => {
        const course = await aCourse();
        const author = await aPerson();
        const inside = aThread(course, author);
        const outside = aThread(course, author);
        let release!: () => void;
        const gate = new Promise<void>((resolve) => { release = resolve; });
        const failing = storage.transaction(async (tx) => {
          await tx.threads.create(inside);
          await gate;
          throw new Error('rolled back');
        });
        const concurrent = storage.threads.create(outside);
        release();
        await expect(failing).rejects.toThrow('rolled back');
        await concurrent;
        expect(await storage.threads.findById(course.id, outside.id)).not.toBeNull();
      });
    });
  });
}
