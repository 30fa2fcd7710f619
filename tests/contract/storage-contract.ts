/**
 * One behavioural contract for every storage adapter. Each adapter's test file calls
 * `describeStorageContract` with a way to open a fresh, empty store; nothing in here may ask
 * which adapter it is talking to.
 */
import type { Course } from '../../src/domain/course';
import type { Thread } from '../../src/domain/discussion';
import { newId } from '../../src/domain/ids';
import type { Person } from '../../src/domain/person';
import type { Storage } from '../../src/storage/ports';

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
        id: newId(), courseId: course.id, authorId: author.id, title: 'A question', bodySource: 'Body',
        bodyHtml: '<p>Body</p>', replyCount: 0, createdAt: t0, lastActivityAt: t0, ...overrides,
      };
    }

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
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await storage.threads.listByActivity(course.id, { limit: 3, before: cursor });
          seen.push(...page.items.map((t) => t.id));
          cursor = page.nextCursor;
        } while (cursor);
        const expected = [...created]
          .sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || (a.id < b.id ? 1 : -1))
          .map((t) => t.id);
        expect(seen).toEqual(expected);
        expect(await storage.threads.countByCourse(course.id)).toBe(7);
      });

      it('moves a thread to the top when it gets a reply, and counts the reply', async () => {
        const course = await aCourse();
        const author = await aPerson();
        const older = aThread(course, author, { lastActivityAt: t0 });
        const newer = aThread(course, author, { lastActivityAt: at(10) });
        await storage.threads.create(older);
        await storage.threads.create(newer);
        await storage.threads.recordReply(course.id, older.id, at(20));
        const page = await storage.threads.listByActivity(course.id, { limit: 10 });
        expect(page.items.map((t) => t.id)).toEqual([older.id, newer.id]);
        expect(page.items[0]).toMatchObject({ replyCount: 1, lastActivityAt: at(20) });
        expect(await storage.threads.lastActivityAt(course.id)).toEqual(at(20));
      });

      it('has no last activity for an empty room', async () => {
        const course = await aCourse();
        expect(await storage.threads.lastActivityAt(course.id)).toBeNull();
        expect((await storage.threads.listByActivity(course.id, { limit: 5 })).items).toEqual([]);
      });

      it('lists replies in the order they were written, after a given reply', async () => {
        const course = await aCourse();
        const author = await aPerson();
        const thread = aThread(course, author);
        await storage.threads.create(thread);
        const replies = [];
        for (let i = 0; i < 4; i += 1) {
          const reply = { id: newId(t0.getTime() + i), courseId: course.id, threadId: thread.id, authorId: author.id, bodySource: `r${i}`, bodyHtml: `<p>r${i}</p>`, createdAt: at(i) };
          replies.push(reply);
          await storage.replies.create(reply);
        }
        expect(await storage.replies.listByThread(course.id, thread.id, { limit: 10 })).toEqual(replies);
        expect(await storage.replies.findById(course.id, replies[2]!.id)).toEqual(replies[2]);
        expect(await storage.replies.findById('other-course', replies[2]!.id)).toBeNull();
        expect(await storage.replies.listByThread(course.id, thread.id, { limit: 2, after: replies[1]!.id })).toEqual(replies.slice(2, 4));
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
