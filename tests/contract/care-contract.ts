/**
 * The community-care part of the storage contract: care settings, the unanswered queue, routings,
 * champions, expertise counts, insights figures and the retention purge (a person's own data is in
 * care-privacy-contract.ts). Called from storage-contract.ts inside each adapter's suite; no
 * adapter-name branches here.
 */
import type { Anonymity } from '../../src/domain/discussion';
import type { Storage } from '../../src/storage/ports';
import { careFixtures } from './care-fixtures';
import { describePersonalDataContract } from './care-privacy-contract';
import { describeCareWiringContract } from './care-wiring-contract';

export function describeCareContract(current: () => Storage, t0: Date): void {
  const { at, HOUR, DAY, s, aCourse, aMember, aThread, aReply, aTag } = careFixtures(current, t0);

  describe('care settings', () => {
    it('gives the defaults until staff save their own, course by course', async () => {
      const course = await aCourse();
      const other = await aCourse('ctx-other');
      expect(await s().careSettings.get(course.id, t0)).toEqual({ courseId: course.id, answerTargetHours: 24, quietDays: 7, retentionDays: 90, updatedAt: t0 });
      const mine = { courseId: course.id, answerTargetHours: 48, quietDays: 3, retentionDays: 30, updatedAt: at(60) };
      await s().careSettings.save(mine);
      await s().careSettings.save({ ...mine, retentionDays: 10, updatedAt: at(120) });
      expect(await s().careSettings.get(course.id, at(200))).toEqual({ ...mine, retentionDays: 10, updatedAt: at(120) });
      expect((await s().careSettings.get(other.id, t0)).answerTargetHours).toBe(24);
    });
  });

  describe('unanswered questions', () => {
    it('lists questions without an accepted or endorsed answer, the longest-waiting first, and counts those past a time', async () => {
      const course = await aCourse();
      const ada = await aMember(course, 'ada');
      const tag = await aTag(course, 'Genetics');
      const old = await aThread(course, ada, { title: 'Old', createdAt: at(0), tagIds: [tag], answerCount: 2, replyCount: 3 });
      const recent = await aThread(course, ada, { title: 'Recent', createdAt: at(10 * HOUR), anonymity: 'everyone' });
      await aThread(course, ada, { title: 'Accepted', createdAt: at(1), acceptedReplyId: 'r1' });
      await aThread(course, ada, { title: 'Endorsed', createdAt: at(2), endorsedAnswerCount: 1 });
      await aThread(course, ada, { title: 'Discussion', createdAt: at(3), kind: 'discussion' });
      await aThread(course, ada, { title: 'Deleted', createdAt: at(4), deletedAt: at(5) });
      await aThread(course, ada, { title: 'Hidden', createdAt: at(6), hidden: true });
      await aThread(await aCourse('ctx-elsewhere'), ada, { title: 'Elsewhere' });

      const listed = await s().unanswered.list(course.id, 10);
      expect(listed.map((q) => q.title)).toEqual(['Old', 'Recent']);
      expect(listed[0]).toEqual({
        id: old.id, courseId: course.id, authorId: ada.id, anonymity: 'named', title: 'Old', tagIds: [tag],
        replyCount: 3, answerCount: 2, createdAt: at(0),
      });
      expect(listed[1]).toMatchObject({ id: recent.id, anonymity: 'everyone' });
      expect(await s().unanswered.list(course.id, 1)).toHaveLength(1);
      expect(await s().unanswered.count(course.id, at(5 * HOUR))).toEqual({ total: 2, overdue: 1 });
      expect(await s().unanswered.count('no-course', at(0))).toEqual({ total: 0, overdue: 0 });
    });
  });

  describe('question routings', () => {
    it('records a routing once per question and person, and lists them by thread and by person', async () => {
      const course = await aCourse();
      const [grace, ada, bo] = [await aMember(course, 'grace', 'staff'), await aMember(course, 'ada'), await aMember(course, 'bo')];
      const q1 = await aThread(course, ada);
      const q2 = await aThread(course, ada);
      const routing = { courseId: course.id, threadId: q1.id, personId: bo.id, routedBy: grace.id, routedAt: at(10) };
      expect(await s().questionRoutings.add(routing)).toBe(true);
      expect(await s().questionRoutings.add({ ...routing, routedAt: at(20) })).toBe(false);
      expect(await s().questionRoutings.add({ ...routing, threadId: q2.id, routedAt: at(30) })).toBe(true);
      expect(await s().questionRoutings.listForThreads(course.id, [q1.id])).toEqual([routing]);
      expect((await s().questionRoutings.listForThreads(course.id, [q1.id, q2.id, q1.id])).map((r) => r.threadId)).toEqual([q1.id, q2.id]);
      expect(await s().questionRoutings.listForThreads('other', [q1.id])).toEqual([]);
      expect(await s().questionRoutings.listForThreads(course.id, [])).toEqual([]);
      expect((await s().questionRoutings.listForPerson(bo.id)).map((r) => r.routedAt)).toEqual([at(10), at(30)]);
    });
  });

  describe('champions', () => {
    it('marks a champion once, lists champions in order, and removes them', async () => {
      const course = await aCourse();
      const other = await aCourse('ctx-other');
      const [grace, ada, bo] = [await aMember(course, 'grace', 'staff'), await aMember(course, 'ada'), await aMember(course, 'bo')];
      await s().champions.add({ courseId: course.id, personId: bo.id, grantedBy: grace.id, grantedAt: at(10) });
      await s().champions.add({ courseId: course.id, personId: ada.id, grantedBy: grace.id, grantedAt: at(20) });
      await s().champions.add({ courseId: course.id, personId: bo.id, grantedBy: grace.id, grantedAt: at(30) });
      await s().champions.add({ courseId: other.id, personId: bo.id, grantedBy: grace.id, grantedAt: at(40) });
      expect(await s().champions.listByCourse(course.id)).toEqual([
        { courseId: course.id, personId: bo.id, grantedBy: grace.id, grantedAt: at(10) },
        { courseId: course.id, personId: ada.id, grantedBy: grace.id, grantedAt: at(20) },
      ]);
      expect(await s().champions.isChampion(course.id, bo.id)).toBe(true);
      expect(await s().champions.isChampion(course.id, grace.id)).toBe(false);
      expect((await s().champions.listForPerson(bo.id)).map((c) => c.courseId)).toEqual([course.id, other.id]);
      expect(await s().champions.remove(course.id, bo.id)).toBe(true);
      expect(await s().champions.remove(course.id, bo.id)).toBe(false);
      expect(await s().champions.isChampion(course.id, bo.id)).toBe(false);
      expect(await s().champions.isChampion(other.id, bo.id)).toBe(true);
    });
  });

  describe('expertise', () => {
    async function seed() {
      const course = await aCourse();
      const [grace, ada, bo, cy] = [await aMember(course, 'grace', 'staff'), await aMember(course, 'ada'), await aMember(course, 'bo'), await aMember(course, 'cy')];
      const [genetics, cells] = [await aTag(course, 'Genetics'), await aTag(course, 'Cells')];
      const endorsed = { endorsedBy: grace.id, endorsedAt: at(60) };
      const t1 = await aThread(course, grace, { tagIds: [genetics] });
      const t2 = await aThread(course, grace, { tagIds: [cells, genetics] });
      const untagged = await aThread(course, grace);
      const hiddenThread = await aThread(course, grace, { tagIds: [genetics], hidden: true });
      const deletedThread = await aThread(course, grace, { tagIds: [genetics], deletedAt: at(5) });
      await aReply(t1, ada, endorsed);
      await aReply(t2, ada, endorsed);
      await aReply(untagged, ada, endorsed);
      await aReply(t1, bo, { ...endorsed, anonymity: 'peers' });
      await aReply(t1, cy, { ...endorsed, anonymity: 'everyone' });
      const answer = await aReply(t2, bo);
      // None of these count: a comment, a deleted or hidden answer, answers in a hidden or deleted thread.
      await aReply(t1, ada, { ...endorsed, parentId: answer.id });
      await aReply(t1, ada, { ...endorsed, deletedAt: at(70) });
      await aReply(t1, ada, { ...endorsed, hidden: true });
      await aReply(hiddenThread, ada, endorsed);
      await aReply(deletedThread, ada, endorsed);
      await aReply(t1, bo);
      return { course, ada, bo, cy, genetics, cells };
    }
    const sorted = <T extends { personId: string; tagId?: string | null }>(rows: T[]) =>
      [...rows].sort((a, b) => `${a.personId}${a.tagId ?? ''}`.localeCompare(`${b.personId}${b.tagId ?? ''}`));

    it('counts endorsed answers per author and tag, untagged threads under no tag, only of the anonymity asked for', async () => {
      const { course, ada, bo, genetics, cells } = await seed();
      expect(sorted(await s().expertise.countByTag(course.id, { anonymity: ['named'] }))).toEqual(sorted([
        { personId: ada.id, tagId: genetics, answers: 2 },
        { personId: ada.id, tagId: cells, answers: 1 },
        { personId: ada.id, tagId: null, answers: 1 },
      ]));
      expect(sorted(await s().expertise.countByTag(course.id, { anonymity: ['named', 'peers'], tagIds: [cells, genetics] }))).toEqual(sorted([
        { personId: ada.id, tagId: genetics, answers: 2 },
        { personId: ada.id, tagId: cells, answers: 1 },
        { personId: bo.id, tagId: genetics, answers: 1 },
      ]));
      expect(await s().expertise.countByTag(course.id, { anonymity: ['named', 'peers'], personId: bo.id })).toEqual([{ personId: bo.id, tagId: genetics, answers: 1 }]);
      expect(await s().expertise.countByTag(course.id, { anonymity: ['named'], tagIds: [] })).toEqual([]);
    });

    it('counts each endorsed answer once per author, most answers first', async () => {
      const { course, ada, bo, cy, genetics, cells } = await seed();
      expect(await s().expertise.countByAuthor(course.id, { anonymity: ['named', 'peers'], tagIds: [genetics, cells] })).toEqual([
        { personId: ada.id, answers: 2 },
        { personId: bo.id, answers: 1 },
      ]);
      expect(await s().expertise.countByAuthor(course.id, { anonymity: ['named'] })).toEqual([{ personId: ada.id, answers: 3 }]);
      expect(await s().expertise.countByAuthor(course.id, { anonymity: ['everyone'] })).toEqual([{ personId: cy.id, answers: 1 }]);
      expect(await s().expertise.countByAuthor(course.id, { anonymity: [] as Anonymity[] })).toEqual([]);
    });
  });

  describe('insights figures', () => {
    it('counts threads, replies and votes per period, the deleted and hidden ones too, in this course only', async () => {
      const course = await aCourse();
      const ada = await aMember(course, 'ada');
      const t = await aThread(course, ada, { createdAt: at(1 * DAY) });
      await aThread(course, ada, { createdAt: at(8 * DAY), deletedAt: at(9 * DAY), kind: 'discussion' });
      await aThread(course, ada, { createdAt: at(8 * DAY + 1), hidden: true, kind: 'announcement' });
      await aThread(course, ada, { createdAt: at(-1) });
      await aThread(course, ada, { createdAt: at(21 * DAY) });
      await aReply(t, ada, { createdAt: at(2 * DAY) });
      await aReply(t, ada, { createdAt: at(15 * DAY) });
      await s().votes.toggle({ courseId: course.id, postKind: 'thread', postId: t.id, personId: ada.id, at: at(16 * DAY) });
      await aThread(await aCourse('ctx-other'), ada, { createdAt: at(DAY) });
      expect(await s().insights.activityPerBucket(course.id, { start: t0, bucketMs: 7 * DAY * 1000, buckets: 3 })).toEqual({
        threads: [1, 2, 0], replies: [1, 0, 1], votes: [0, 0, 1],
      });
    });

    it('finds who posted (with the anonymity asked for) or voted since a time', async () => {
      const course = await aCourse();
      const [ada, bo, cy, dee, eve] = [await aMember(course, 'ada'), await aMember(course, 'bo'), await aMember(course, 'cy'), await aMember(course, 'dee'), await aMember(course, 'eve')];
      const t = await aThread(course, ada, { createdAt: at(10) });
      await aReply(t, bo, { createdAt: at(20), anonymity: 'peers' });
      await aReply(t, cy, { createdAt: at(30), anonymity: 'everyone' });
      await aReply(t, eve, { createdAt: at(1) });
      await s().votes.toggle({ courseId: course.id, postKind: 'thread', postId: t.id, personId: dee.id, at: at(40) });
      expect((await s().insights.participantsSince(course.id, at(5), ['named', 'peers'])).sort()).toEqual([ada.id, bo.id, dee.id].sort());
      expect((await s().insights.participantsSince(course.id, at(0), ['named'])).sort()).toEqual([ada.id, dee.id, eve.id].sort());
    });

    it('measures the time to each question\'s first answer by someone else', async () => {
      const course = await aCourse();
      const [ada, bo] = [await aMember(course, 'ada'), await aMember(course, 'bo')];
      const answered = await aThread(course, ada, { createdAt: at(0) });
      await aReply(answered, ada, { createdAt: at(600) });
      const answer = await aReply(answered, bo, { createdAt: at(7200) });
      await aReply(answered, bo, { createdAt: at(3600), parentId: answer.id });
      await aReply(answered, bo, { createdAt: at(9000) });
      const quick = await aThread(course, bo, { createdAt: at(100) });
      await aReply(quick, ada, { createdAt: at(160) });
      await aReply(quick, ada, { createdAt: at(130), deletedAt: at(131) });
      const waiting = await aThread(course, ada, { createdAt: at(200) });
      await aReply(waiting, bo, { createdAt: at(300), hidden: true });
      await aThread(course, ada, { createdAt: at(-10) });
      await aThread(course, ada, { createdAt: at(50), kind: 'discussion' });
      const result = await s().insights.firstAnswerDelays(course.id, at(0));
      expect(result.delaysMs.sort((a, b) => a - b)).toEqual([60_000, 7_200_000]);
      expect(result.withoutAnswer).toBe(1);
    });
  });

  describe('activity-log retention', () => {
    const event = (courseId: string, actorId: string) => ({ type: 'thread.created' as const, threadId: 't', courseId, space: 'discussion' as const, actorId });

    it('deletes a course\'s events older than the cutoff but keeps its newest, and records what it purged', async () => {
      const [a, b] = [await aCourse('ctx-a'), await aCourse('ctx-b')];
      const old = [await s().events.append(event(a.id, 'p'), at(0)), await s().events.append(event(a.id, 'p'), at(10)), await s().events.append(event(a.id, 'p'), at(20))];
      const recent = await s().events.append(event(a.id, 'p'), at(10 * DAY));
      const onlyB = await s().events.append(event(b.id, 'p'), at(0));
      expect((await s().activityLog.coursesWithEventsBefore(at(5 * DAY))).sort()).toEqual([a.id, b.id].sort());

      expect(await s().activityLog.purgeBefore(a.id, at(5 * DAY), at(11 * DAY))).toBe(3);
      expect(await s().events.listAfter(a.id, 0, 10)).toEqual([recent]);
      expect(await s().events.latestSeq(a.id)).toBe(recent.seq);
      expect(await s().activityLog.findPurge(a.id)).toEqual({ courseId: a.id, purgedThroughSeq: old[2]!.seq, lastPurgeAt: at(11 * DAY), lastPurgeCount: 3 });

      // A course's last event stays, however old: latestSeq must not go back to 0.
      expect(await s().activityLog.purgeBefore(b.id, at(5 * DAY), at(11 * DAY))).toBe(0);
      expect(await s().events.latestSeq(b.id)).toBe(onlyB.seq);
      expect(await s().activityLog.findPurge(b.id)).toMatchObject({ purgedThroughSeq: 0, lastPurgeCount: 0 });

      // Purging again changes nothing but the report; the horizon never moves back.
      expect(await s().activityLog.purgeBefore(a.id, at(5 * DAY), at(12 * DAY))).toBe(0);
      expect(await s().activityLog.findPurge(a.id)).toEqual({ courseId: a.id, purgedThroughSeq: old[2]!.seq, lastPurgeAt: at(12 * DAY), lastPurgeCount: 0 });
      expect(await s().activityLog.findPurge('never')).toBeNull();
    });
  });

  describePersonalDataContract(current, t0);
  describeCareWiringContract(current, t0);
}
