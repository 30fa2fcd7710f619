/**
 * The participation grades part of the storage contract: what counts toward a grade, and each
 * course's rubric with the state of sending scores. Called from storage-contract.ts inside each
 * adapter's suite, with the storage that suite opened for the current test; no adapter-name branches.
 */
import type { Course } from '../../src/domain/course';
import type { Reply, Thread } from '../../src/domain/discussion';
import { newId } from '../../src/domain/ids';
import { DEFAULT_RUBRIC, type ParticipationGrading } from '../../src/domain/participation';
import type { Person } from '../../src/domain/person';
import { EMPTY_PUSH_STATE } from '../../src/storage/grades-ports';
import type { Storage } from '../../src/storage/ports';

export function describeGradesContract(current: () => Storage, t0: Date): void {
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  const key = { issuer: 'https://lms.example', clientId: 'client-1', deploymentId: 'dep-1' };

  async function aCourse(contextId = 'ctx-grades'): Promise<Course> {
    return current().courses.upsertByKey({ ...key, contextId }, { id: newId(), title: `Course ${contextId}`, label: null, now: t0 });
  }
  async function aPerson(subject: string): Promise<Person> {
    return current().people.upsertByIdentity(
      { issuer: key.issuer, subject },
      { id: newId(), name: `Person ${subject}`, givenName: null, familyName: null, email: null, now: t0 },
    );
  }
  async function aThread(course: Course, author: Person, seconds: number, overrides: Partial<Thread> = {}): Promise<Thread> {
    const thread: Thread = {
      id: newId(t0.getTime() + seconds * 1000), courseId: course.id, authorId: author.id, kind: 'discussion', anonymity: 'named', title: 't',
      bodySource: 'b', bodyHtml: '<p>b</p>', tagIds: [], replyCount: 0, answerCount: 0, voteCount: 0, pinned: false, locked: false,
      hidden: false, acceptedReplyId: null, endorsedAnswerCount: 0, createdAt: at(seconds), editedAt: null, deletedAt: null,
      lastActivityAt: at(seconds), ...overrides,
    };
    await current().threads.create(thread);
    return thread;
  }
  async function aReply(thread: Thread, author: Person, seconds: number, overrides: Partial<Reply> = {}): Promise<Reply> {
    const reply: Reply = {
      id: newId(t0.getTime() + seconds * 1000), courseId: thread.courseId, threadId: thread.id, parentId: null, authorId: author.id,
      anonymity: 'named', bodySource: 'r', bodyHtml: '<p>r</p>', voteCount: 0, hidden: false, endorsedBy: null, endorsedAt: null,
      createdAt: at(seconds), editedAt: null, deletedAt: null, ...overrides,
    };
    await current().replies.create(reply);
    return reply;
  }
  const grading = (courseId: string, overrides: Partial<ParticipationGrading> & { updatedAt?: Date } = {}): ParticipationGrading & { updatedAt: Date } => ({
    courseId, enabled: true, ...DEFAULT_RUBRIC, updatedBy: null, ...overrides, updatedAt: overrides.updatedAt ?? t0,
  });

  describe('participation: what counts', () => {
    it('lists threads, replies and comments, and endorsed answers once more, oldest first; never deleted or hidden posts', async () => {
      const course = await aCourse();
      const other = await aCourse('ctx-other');
      const ada = await aPerson('ada');
      const staff = await aPerson('staff');
      const open = await aThread(course, ada, 1, { anonymity: 'everyone' });
      const hiddenThread = await aThread(course, ada, 2, { hidden: true });
      await aThread(course, ada, 3, { deletedAt: at(4) });
      const answer = await aReply(open, ada, 10, { endorsedBy: staff.id, endorsedAt: at(20) });
      await aReply(open, ada, 11, { parentId: answer.id, endorsedBy: staff.id });
      await aReply(open, ada, 12, { hidden: true });
      await aReply(open, ada, 13, { deletedAt: at(14) });
      await aReply(hiddenThread, ada, 15);
      await aReply(open, staff, 16);
      await aThread(other, ada, 17);

      const all = await current().participation.listContributions(course.id);
      expect(all.map((c) => [c.authorId === ada.id ? 'ada' : 'staff', c.kind, c.at.getTime()])).toEqual([
        ['ada', 'thread', at(1).getTime()],
        ['ada', 'endorsedAnswer', at(10).getTime()],
        ['ada', 'reply', at(10).getTime()],
        ['ada', 'reply', at(11).getTime()],
        ['staff', 'reply', at(16).getTime()],
      ]);
      expect((await current().participation.listContributions(course.id, { authorId: staff.id })).map((c) => c.kind)).toEqual(['reply']);
      expect(await current().participation.listContributions(course.id, { authorId: newId() })).toEqual([]);
    });
  });

  describe('participation grades: rubric and sending state', () => {
    it('gives the defaults, grading off, for a course that stored nothing', async () => {
      const course = await aCourse();
      expect(await current().participationGrades.get(course.id)).toEqual({
        settings: { courseId: course.id, enabled: false, ...DEFAULT_RUBRIC, updatedAt: null, updatedBy: null },
        push: EMPTY_PUSH_STATE,
      });
    });

    it('stores the rubric as saved, asks for a push, and keeps the line item a launch named', async () => {
      const course = await aCourse();
      const staff = await aPerson('staff');
      await current().participationGrades.recordLaunchLineItem(course.id, 'https://lms.example/items/1');
      expect((await current().participationGrades.get(course.id)).settings.enabled).toBe(false);
      const saved = grading(course.id, { pointsPerReply: 0.5, weeklyCap: 7.25, label: 'Forum', updatedAt: at(5), updatedBy: staff.id });
      await current().participationGrades.saveSettings(saved);
      await current().participationGrades.recordLaunchLineItem(course.id, 'https://lms.example/items/2');
      const stored = await current().participationGrades.get(course.id);
      expect(stored.settings).toEqual(saved);
      expect(stored.push).toMatchObject({ requestedAt: at(5), launchLineItemUrl: 'https://lms.example/items/2', lineItemUrl: null });
    });

    it('offers a course for a push while it has grading on and is not waiting for a retry, in pages by course id', async () => {
      const repo = current().participationGrades;
      const [a, b] = [await aCourse('a'), await aCourse('b')].sort((x, y) => (x.id < y.id ? -1 : 1));
      const off = await aCourse('off');
      await repo.saveSettings(grading(a!.id));
      await repo.saveSettings(grading(b!.id));
      await repo.saveSettings(grading(off.id, { enabled: false }));
      const ids = async (now: Date, after: string | null = null, limit = 10) => (await repo.listPushCandidates(now, { after, limit })).map((c) => c.courseId);
      expect(await ids(at(10))).toEqual([a!.id, b!.id]);
      expect(await ids(at(10), null, 1)).toEqual([a!.id]);
      expect(await ids(at(10), a!.id, 1)).toEqual([b!.id]);
      expect(await ids(at(10), b!.id)).toEqual([]);

      await repo.recordPushFailure(b!.id, { at: at(10), error: 'LMS down', nextAttemptAt: at(310) });
      expect(await ids(at(309))).toEqual([a!.id]);
      expect(await ids(at(310))).toEqual([a!.id, b!.id]);
      // Gave up: no retry scheduled. Staff pressing "Push now" brings it back.
      await repo.recordPushFailure(b!.id, { at: at(320), error: 'still down', nextAttemptAt: null });
      expect(await ids(at(100_000))).toEqual([a!.id]);
      expect((await repo.get(b!.id)).push).toMatchObject({ failedAttempts: 2, lastError: 'still down', lastErrorAt: at(320), nextAttemptAt: null });
      await repo.requestPush(b!.id, at(400));
      expect((await repo.listPushCandidates(at(400), { after: a!.id, limit: 10 }))).toEqual([{ courseId: b!.id, seenSeq: 0, requestedAt: at(400) }]);
      expect((await repo.get(b!.id)).push.failedAttempts).toBe(0);
    });

    it('lets one of several simultaneous pushes of a course claim it, until the claim ends or expires', async () => {
      const repo = current().participationGrades;
      const course = await aCourse();
      await repo.saveSettings(grading(course.id));
      const claims = await Promise.all(Array.from({ length: 6 }, () => repo.claimPush(course.id, at(1), at(600))));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await repo.claimPush(course.id, at(599), at(900))).toBe(false);
      expect(await repo.claimPush(course.id, at(600), at(900))).toBe(true);
      await repo.recordPushFailure(course.id, { at: at(601), error: 'x', nextAttemptAt: at(700) });
      expect(await repo.claimPush(course.id, at(602), at(900))).toBe(true);
      expect((await repo.get(course.id)).push).toMatchObject({ claimedUntil: at(900), lastAttemptAt: at(602) });
    });

    it('records a success: failures cleared but remembered, a request made during the push kept', async () => {
      const repo = current().participationGrades;
      const course = await aCourse();
      await repo.saveSettings(grading(course.id, { updatedAt: at(1) }));
      await repo.recordPushFailure(course.id, { at: at(2), error: 'LMS down', nextAttemptAt: at(300) });
      await repo.recordPushSuccess(course.id, { at: at(5), startedAt: at(4), seenSeq: 7, pushedCount: 3 });
      expect((await repo.get(course.id)).push).toMatchObject({
        requestedAt: null, seenSeq: 7, failedAttempts: 0, nextAttemptAt: null, claimedUntil: null,
        lastSuccessAt: at(5), lastAttemptAt: at(5), lastPushedCount: 3, lastError: 'LMS down', lastErrorAt: at(2),
      });
      await repo.requestPush(course.id, at(10));
      await repo.recordPushSuccess(course.id, { at: at(11), startedAt: at(9), seenSeq: 5, pushedCount: 0 });
      expect((await repo.get(course.id)).push).toMatchObject({ requestedAt: at(10), seenSeq: 7 });
    });

    it('keeps the scores sent per line item: a different line item starts empty', async () => {
      const repo = current().participationGrades;
      const course = await aCourse();
      const [ada, bo] = [await aPerson('ada'), await aPerson('bo')];
      await repo.recordLaunchLineItem(course.id, 'https://lms.example/items/1');
      await repo.setLineItem(course.id, 'https://lms.example/items/1', 'launch');
      await repo.recordPushedScore(course.id, { personId: ada.id, scoreGiven: 4.5, scoreMaximum: 100, pushedAt: at(1) });
      await repo.recordPushedScore(course.id, { personId: bo.id, scoreGiven: 1, scoreMaximum: 100, pushedAt: at(1) });
      await repo.recordPushedScore(course.id, { personId: ada.id, scoreGiven: 6, scoreMaximum: 20, pushedAt: at(2) });
      const byPerson = (await repo.listPushedScores(course.id)).map((s) => [s.personId === ada.id ? 'ada' : 'bo', s.scoreGiven, s.scoreMaximum, s.pushedAt]);
      expect(byPerson.sort()).toEqual([['ada', 6, 20, at(2)], ['bo', 1, 100, at(1)]].sort());

      await repo.setLineItem(course.id, 'https://lms.example/items/1', 'launch');
      expect(await repo.listPushedScores(course.id)).toHaveLength(2);
      // Gone from the LMS: forgotten, the launch's one too, and so are the scores sent there.
      await repo.setLineItem(course.id, null, null);
      expect((await repo.get(course.id)).push).toMatchObject({ lineItemUrl: null, lineItemSource: null, launchLineItemUrl: null });
      expect(await repo.listPushedScores(course.id)).toEqual([]);
      await repo.setLineItem(course.id, 'https://lms.example/items/9', 'created');
      expect((await repo.get(course.id)).push).toMatchObject({ lineItemUrl: 'https://lms.example/items/9', lineItemSource: 'created' });
    });
  });
}
