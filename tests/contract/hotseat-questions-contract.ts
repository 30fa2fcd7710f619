/**
 * The hotseat's questions, votes, follow-ups and summary, part of the storage contract (called from
 * hotseat-contract.ts with the storage each adapter's suite opened for the current test).
 */
import type { HotseatQuestion } from '../../src/domain/hotseat';
import type { Person } from '../../src/domain/person';
import type { Storage } from '../../src/storage/ports';
import { hotseatFixtures } from './hotseat-fixtures';

export function describeHotseatQuestionContract(current: () => Storage, t0: Date): void {
  const { at, aCourse, aPerson, aHotseat, aQuestion, aFollowUp } = hotseatFixtures(current, t0);
  const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);
  /** One person per subject, typed as a tuple of the same length (so destructuring needs no `!`). */
  const people = <const S extends readonly string[]>(subjects: S) =>
    Promise.all(subjects.map((subject) => aPerson(subject))) as Promise<{ -readonly [K in keyof S]: Person }>;
  const toggle = (question: HotseatQuestion, person: Person, seconds = 0) => current().hotseatVotes.toggle({
    courseId: question.courseId, hotseatId: question.hotseatId, questionId: question.id, personId: person.id, at: at(seconds),
  });

  describe('hotseat questions', () => {
    it('stores a question as given and finds it only in its own course', async () => {
      const [course, other] = [await aCourse(), await aCourse('ctx-other')];
      const ada = await aPerson('ada');
      const question = await aQuestion(await aHotseat(course), ada, 10, { anonymity: 'peers', bodySource: '', bodyHtml: '', hidden: true });
      expect(await current().hotseatQuestions.findById(course.id, question.id)).toEqual(question);
      expect(await current().hotseatQuestions.findById(other.id, question.id)).toBeNull();
      expect(await current().hotseatQuestions.findById(course.id, 'missing')).toBeNull();
    });

    it('lists a hotseat\'s questions in the order they were asked', async () => {
      const course = await aCourse();
      const [hotseat, another] = [await aHotseat(course), await aHotseat(course)];
      const [ada, bo] = await people(['ada', 'bo']);
      const third = await aQuestion(hotseat, ada, 30);
      const first = await aQuestion(hotseat, bo, 10, { status: 'withdrawn' });
      const second = await aQuestion(hotseat, ada, 20, { status: 'pending' });
      await aQuestion(another, ada, 15);
      expect(ids(await current().hotseatQuestions.listByHotseat(hotseat.id))).toEqual([first.id, second.id, third.id]);
      expect(await current().hotseatQuestions.listByHotseat('none')).toEqual([]);
    });

    it('updates only the fields a patch names, keeps null as a value, and finds nothing in another course', async () => {
      const [course, other] = [await aCourse(), await aCourse('ctx-other')];
      const [ada, host] = await people(['ada', 'host']);
      const question = await aQuestion(await aHotseat(course), ada, 10, { status: 'pending', declineReason: 'Off topic' });
      const patch = {
        status: 'answered' as const, declineReason: null, answerSource: 'Because.', answerHtml: '<p>Because.</p>',
        answeredBy: host.id, answeredAt: at(50), hidden: true, editedAt: at(40),
      };
      const updated = await current().hotseatQuestions.update(course.id, question.id, patch);
      expect(updated).toEqual({ ...question, ...patch });
      expect(await current().hotseatQuestions.findById(course.id, question.id)).toEqual(updated);
      expect(await current().hotseatQuestions.update(course.id, question.id, {})).toEqual(updated);
      expect(await current().hotseatQuestions.update(other.id, question.id, { status: 'dismissed' })).toBeNull();
      expect(await current().hotseatQuestions.update(course.id, 'missing', { status: 'dismissed' })).toBeNull();
      expect((await current().hotseatQuestions.findById(course.id, question.id))!.status).toBe('answered');
    });

    it('counts the questions a person asked in one hotseat after a time, withdrawn ones included (the rate limit)', async () => {
      const course = await aCourse();
      const [hotseat, another] = [await aHotseat(course), await aHotseat(course)];
      const [ada, bo] = await people(['ada', 'bo']);
      await aQuestion(hotseat, ada, 10);
      await aQuestion(hotseat, ada, 20, { status: 'withdrawn' });
      await aQuestion(hotseat, ada, 30);
      await aQuestion(hotseat, bo, 25);
      await aQuestion(another, ada, 25);
      expect(await current().hotseatQuestions.countByAuthorSince(hotseat.id, ada.id, at(15))).toBe(2);
      expect(await current().hotseatQuestions.countByAuthorSince(hotseat.id, ada.id, at(5))).toBe(3);
      expect(await current().hotseatQuestions.countByAuthorSince(hotseat.id, ada.id, at(40))).toBe(0);
    });

    it('counts a person\'s questions across the course\'s hotseats in [from, to), without withdrawn, declined and merged ones', async () => {
      const [course, other] = [await aCourse(), await aCourse('ctx-other')];
      const [first, second] = [await aHotseat(course), await aHotseat(course)];
      const [ada, bo] = await people(['ada', 'bo']);
      await aQuestion(first, ada, 100);
      await aQuestion(first, ada, 110, { status: 'answered' });
      await aQuestion(second, ada, 120, { status: 'dismissed' });
      await aQuestion(second, ada, 130, { status: 'pending' });
      await aQuestion(first, ada, 140, { status: 'withdrawn' });
      await aQuestion(first, ada, 150, { status: 'declined' });
      await aQuestion(second, ada, 160, { status: 'merged' });
      await aQuestion(first, ada, 200);
      await aQuestion(first, ada, 99);
      await aQuestion(first, bo, 120);
      await aQuestion(await aHotseat(other), ada, 120);
      expect(await current().hotseatQuestions.countByAuthorBetween(course.id, ada.id, at(100), at(200))).toBe(4);
      expect(await current().hotseatQuestions.countByAuthorBetween(course.id, ada.id, at(0), at(1000))).toBe(6);
      expect(await current().hotseatQuestions.countByAuthorBetween(course.id, 'nobody', at(0), at(1000))).toBe(0);
    });

    it('reports the current vote counts of the questions asked for, ignoring unknown ids', async () => {
      const course = await aCourse();
      const hotseat = await aHotseat(course);
      const [ada, bo] = await people(['ada', 'bo']);
      const [liked, ignored] = [await aQuestion(hotseat, ada, 1), await aQuestion(hotseat, ada, 2)];
      await toggle(liked, ada);
      const last = await toggle(liked, bo);
      const counts = await current().hotseatQuestions.voteCounts([liked.id, ignored.id, 'unknown']);
      expect([...counts].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual([
        { id: liked.id, voteCount: 2, voteVersion: last.voteVersion },
        { id: ignored.id, voteCount: 0, voteVersion: 0 },
      ]);
      expect(await current().hotseatQuestions.voteCounts([])).toEqual([]);
    });
  });

  describe('hotseat votes', () => {
    it('adds a vote and takes it back, returning the count and a strictly increasing version', async () => {
      const course = await aCourse();
      const question = await aQuestion(await aHotseat(course), await aPerson('asker'), 1);
      const [ada, bo] = await people(['ada', 'bo']);
      const first = await toggle(question, ada);
      expect(first).toMatchObject({ voted: true, id: question.id, voteCount: 1 });
      const second = await toggle(question, bo);
      expect(second).toMatchObject({ voted: true, voteCount: 2 });
      const third = await toggle(question, ada);
      expect(third).toMatchObject({ voted: false, voteCount: 1 });
      expect(first.voteVersion).toBeGreaterThan(question.voteVersion);
      expect(second.voteVersion).toBeGreaterThan(first.voteVersion);
      expect(third.voteVersion).toBeGreaterThan(second.voteVersion);
      expect(await current().hotseatQuestions.findById(course.id, question.id)).toMatchObject({ voteCount: 1, voteVersion: third.voteVersion });
    });

    it('loses no vote when fifty people vote at once, nor when they all take it back at once', async () => {
      const course = await aCourse();
      const question = await aQuestion(await aHotseat(course), await aPerson('asker'), 1);
      const voters = await people(Array.from({ length: 50 }, (_, i) => `voter-${i}`));
      const votes = await Promise.all(voters.map((voter) => toggle(question, voter)));
      expect(votes.every((vote) => vote.voted)).toBe(true);
      expect(new Set(votes.map((vote) => vote.voteVersion)).size).toBe(50);
      expect((await current().hotseatQuestions.findById(course.id, question.id))!.voteCount).toBe(50);
      const takenBack = await Promise.all(voters.map((voter) => toggle(question, voter)));
      expect(takenBack.some((vote) => vote.voted)).toBe(false);
      expect((await current().hotseatQuestions.findById(course.id, question.id))!.voteCount).toBe(0);
    });

    it('keeps one vote per person even when the same person toggles twice at once', async () => {
      const course = await aCourse();
      const question = await aQuestion(await aHotseat(course), await aPerson('asker'), 1);
      const ada = await aPerson('ada');
      const [a, b] = await Promise.all([toggle(question, ada), toggle(question, ada)]);
      expect([a.voted, b.voted].sort()).toEqual([false, true]);
      expect((await current().hotseatQuestions.findById(course.id, question.id))!.voteCount).toBe(0);
      expect(await current().hotseatVotes.votedBy(ada.id, [question.id])).toEqual(new Set());
    });

    it('tells which of the given questions a person votes for', async () => {
      const course = await aCourse();
      const hotseat = await aHotseat(course);
      const [ada, bo] = await people(['ada', 'bo']);
      const [q1, q2, q3] = [await aQuestion(hotseat, bo, 1), await aQuestion(hotseat, bo, 2), await aQuestion(hotseat, bo, 3)];
      await toggle(q1, ada);
      await toggle(q3, ada);
      await toggle(q2, bo);
      expect(await current().hotseatVotes.votedBy(ada.id, [q1.id, q2.id, 'unknown'])).toEqual(new Set([q1.id]));
      expect(await current().hotseatVotes.votedBy(ada.id, [])).toEqual(new Set());
    });

    it('merges votes into another question, counting a person who voted for both once, and sets both counts', async () => {
      const course = await aCourse();
      const hotseat = await aHotseat(course);
      const [ada, bo, cy, dan] = await people(['ada', 'bo', 'cy', 'dan']);
      const [duplicate, original] = [await aQuestion(hotseat, ada, 2), await aQuestion(hotseat, bo, 1)];
      for (const voter of [ada, bo, cy]) await toggle(duplicate, voter);
      await toggle(original, bo);
      const before = await toggle(original, dan);
      const merged = await current().hotseatVotes.merge(course.id, duplicate.id, original.id);
      expect(merged).toMatchObject({ id: original.id, voteCount: 4 });
      expect(merged.voteVersion).toBeGreaterThan(before.voteVersion);
      expect(await current().hotseatQuestions.findById(course.id, original.id)).toMatchObject({ voteCount: 4, voteVersion: merged.voteVersion });
      expect((await current().hotseatQuestions.findById(course.id, duplicate.id))!.voteCount).toBe(0);
      for (const voter of [ada, bo, cy, dan]) {
        expect(await current().hotseatVotes.votedBy(voter.id, [duplicate.id, original.id])).toEqual(new Set([original.id]));
      }
      expect(await toggle(original, bo)).toMatchObject({ voted: false, voteCount: 3 });
    });

    it('undoes a toggle and a merge together with the transaction they ran in', async () => {
      const course = await aCourse();
      const hotseat = await aHotseat(course);
      const [ada, bo] = await people(['ada', 'bo']);
      const [duplicate, original] = [await aQuestion(hotseat, ada, 2), await aQuestion(hotseat, bo, 1)];
      const voted = await toggle(duplicate, ada);
      const failed = current().transaction(async (tx) => {
        await tx.hotseatVotes.toggle({ courseId: course.id, hotseatId: hotseat.id, questionId: duplicate.id, personId: bo.id, at: at(5) });
        await tx.hotseatVotes.merge(course.id, duplicate.id, original.id);
        throw new Error('changed my mind');
      });
      await expect(failed).rejects.toThrow('changed my mind');
      expect(await current().hotseatQuestions.findById(course.id, duplicate.id)).toMatchObject({ voteCount: 1, voteVersion: voted.voteVersion });
      expect((await current().hotseatQuestions.findById(course.id, original.id))!.voteCount).toBe(0);
      expect(await current().hotseatVotes.votedBy(ada.id, [duplicate.id, original.id])).toEqual(new Set([duplicate.id]));
      expect(await current().hotseatVotes.votedBy(bo.id, [duplicate.id, original.id])).toEqual(new Set());
    });
  });

  describe('hotseat follow-ups', () => {
    it('lists a hotseat\'s follow-ups oldest first, as given', async () => {
      const course = await aCourse();
      const [hotseat, another] = [await aHotseat(course), await aHotseat(course)];
      const [ada, bo] = await people(['ada', 'bo']);
      const question = await aQuestion(hotseat, ada, 1);
      const later = await aFollowUp(question, bo, 30, { anonymity: 'everyone' });
      const earlier = await aFollowUp(question, ada, 20);
      await aFollowUp(await aQuestion(another, ada, 2), ada, 25);
      expect(await current().hotseatFollowUps.listByHotseat(hotseat.id)).toEqual([earlier, later]);
      expect(await current().hotseatFollowUps.listByHotseat('none')).toEqual([]);
    });
  });

  describe('hotseat summary', () => {
    it('counts the questions asked, answered and voted for, and each participant once', async () => {
      const course = await aCourse();
      const [hotseat, another] = [await aHotseat(course), await aHotseat(course)];
      const [ada, bo, cy, dan, eve, fay] = await people(['ada', 'bo', 'cy', 'dan', 'eve', 'fay']);
      const answered = await aQuestion(hotseat, ada, 1, { status: 'answered' });
      const open = await aQuestion(hotseat, ada, 2);
      await aQuestion(hotseat, bo, 3, { status: 'dismissed' });
      const withdrawn = await aQuestion(hotseat, ada, 4, { status: 'withdrawn' });
      for (const status of ['declined', 'merged', 'pending'] as const) await aQuestion(hotseat, bo, 5, { status });
      for (const voter of [bo, cy]) await toggle(answered, voter);
      await toggle(open, ada);
      await toggle(withdrawn, dan);
      await aFollowUp(open, cy, 10);
      await aFollowUp(open, eve, 11);
      await aFollowUp(open, eve, 12);
      const elsewhere = await aQuestion(another, fay, 1);
      await toggle(elsewhere, fay);
      // Questions: answered, open, dismissed. Votes: on those. People: ada, bo, cy (voter and
      // follow-up author), dan (voted for a question since withdrawn), eve.
      expect(await current().hotseatQuestions.summary(hotseat.id)).toEqual({ questions: 3, answered: 1, votes: 3, participants: 5 });
      expect(await current().hotseatQuestions.summary('none')).toEqual({ questions: 0, answered: 0, votes: 0, participants: 0 });
    });
  });
}
