/**
 * Community care wired to the hotseat, the alumni space and grades, in the storage contract: the
 * hotseat figures of insights, the space threads of questions routed to alumni, and a person's
 * hotseat, alumni and grade records in their own data (collect and erase). Called from
 * care-contract.ts inside each adapter's suite; no adapter-name branches here.
 */
import { spaceCourseKey } from '../../src/domain/alumni';
import type { Course } from '../../src/domain/course';
import { newId } from '../../src/domain/ids';
import type { Person } from '../../src/domain/person';
import type { Storage } from '../../src/storage/ports';
import { careFixtures } from './care-fixtures';
import { hotseatFixtures } from './hotseat-fixtures';

export function describeCareWiringContract(current: () => Storage, t0: Date): void {
  const { at, HOUR, DAY, s, aCourse, aMember, aThread } = careFixtures(current, t0);
  const { aHotseat, aQuestion, aFollowUp } = hotseatFixtures(current, t0);

  const vote = (question: { id: string; hotseatId: string; courseId: string }, person: Person, seconds: number) =>
    s().hotseatVotes.toggle({ courseId: question.courseId, hotseatId: question.hotseatId, questionId: question.id, personId: person.id, at: at(seconds) });

  describe('hotseat figures for insights', () => {
    it('counts every hotseat question asked in each period of the course, whatever became of it', async () => {
      const course = await aCourse();
      const ada = await aMember(course, 'ada');
      const hotseat = await aHotseat(course);
      await aQuestion(hotseat, ada, 10);
      await aQuestion(hotseat, ada, DAY + 10, { status: 'withdrawn' });
      await aQuestion(hotseat, ada, DAY + 20, { status: 'declined', hidden: true });
      await aQuestion(hotseat, ada, 3 * DAY);
      await aQuestion(await aHotseat(await aCourse('ctx-elsewhere')), ada, 10);
      expect(await s().insights.hotseatQuestionsPerBucket(course.id, { start: t0, bucketMs: DAY * 1000, buckets: 3 })).toEqual([1, 2, 0]);
      expect(await s().insights.hotseatQuestionsPerBucket(course.id, { start: at(-DAY), bucketMs: DAY * 1000, buckets: 2 })).toEqual([0, 1]);
    });

    it('names who asked (with a counted anonymity) or voted since a time', async () => {
      const course = await aCourse();
      const [ada, bo, cy, dee] = [await aMember(course, 'ada'), await aMember(course, 'bo'), await aMember(course, 'cy'), await aMember(course, 'dee')];
      const hotseat = await aHotseat(course);
      const asked = await aQuestion(hotseat, ada, HOUR);
      await aQuestion(hotseat, cy, HOUR, { anonymity: 'everyone' });
      await aQuestion(hotseat, dee, 10);
      await vote(asked, bo, 2 * HOUR);
      const since = (await s().insights.hotseatParticipantsSince(course.id, at(HOUR - 1), ['named', 'peers'])).sort();
      expect(since).toEqual([ada.id, bo.id].sort());
      expect((await s().insights.hotseatParticipantsSince(course.id, t0, [])).sort()).toEqual([bo.id]);
      expect(await s().insights.hotseatParticipantsSince(course.id, at(3 * HOUR), ['named'])).toEqual([]);
    });
  });

  describe('questions routed to alumni', () => {
    it('remembers one space thread per course question, the first one recorded', async () => {
      const course = await aCourse();
      const ada = await aMember(course, 'ada');
      const question = await aThread(course, ada);
      const { community, space } = await aCommunity(ada);
      const spaceThread = await aThread(space, ada);
      expect(await s().alumniRoutedQuestions.find(course.id, question.id)).toBeNull();
      const record = { courseId: course.id, threadId: question.id, communityId: community, spaceThreadId: spaceThread.id, createdAt: at(5) };
      expect(await s().alumniRoutedQuestions.add(record)).toBe(true);
      expect(await s().alumniRoutedQuestions.add({ ...record, spaceThreadId: (await aThread(space, ada)).id, createdAt: at(9) })).toBe(false);
      expect(await s().alumniRoutedQuestions.find(course.id, question.id)).toEqual(record);
      expect(await s().alumniRoutedQuestions.find(space.id, question.id)).toBeNull();
    });
  });

  describe('personal data beyond the discussion room', () => {
    async function seed() {
      const course = await aCourse();
      const [grace, ada, bo] = [await aMember(course, 'grace', 'staff'), await aMember(course, 'ada'), await aMember(course, 'bo')];
      const hotseat = await aHotseat(course);
      await s().hotseatHosts.add({ hotseatId: hotseat.id, courseId: course.id, personId: ada.id, kind: 'guest', bio: 'Ada, crystallographer', addedAt: at(1) });
      await s().hotseatHosts.add({ hotseatId: hotseat.id, courseId: course.id, personId: grace.id, kind: 'staff', bio: null, addedAt: at(2) });
      const mine = await aQuestion(hotseat, ada, 10, { anonymity: 'everyone' });
      const bos = await aQuestion(hotseat, bo, 20, { status: 'answered', answerSource: 'Because', answeredBy: ada.id, answeredAt: at(30) });
      await vote(bos, ada, 40);
      await vote(bos, bo, 41);
      const followUp = await aFollowUp(bos, ada, 50);
      const { community } = await aCommunity(grace);
      await s().alumni.add([{ communityId: community, personId: ada.id, courseId: course.id, cohortLabel: 'Spring', graduatedAt: at(60) }]);
      await s().alumniProfiles.save({ communityId: community, personId: ada.id, visible: true, displayName: 'Ada L.', bio: 'Hi', tags: ['optics'], happyToBeAsked: true, updatedAt: at(70) });
      await s().alumni.setMentor(community, ada.id, true, at(71));
      await s().participationGrades.recordPushedScore(course.id, { personId: ada.id, scoreGiven: 7.5, scoreMaximum: 10, pushedAt: at(80) });
      await s().participationGrades.recordPushedScore(course.id, { personId: bo.id, scoreGiven: 5, scoreMaximum: 10, pushedAt: at(80) });
      return { course, ada, bo, hotseat, mine, bos, followUp, community };
    }

    it('collects the person\'s hotseat, alumni and grade records, and nothing of others', async () => {
      const { course, ada, hotseat, mine, bos, followUp, community } = await seed();
      const records = await s().personalData.collect(ada.id);
      expect(records.hotseatQuestions).toEqual([{
        courseId: course.id, hotseatId: hotseat.id, id: mine.id, bodySource: 'Why?', anonymity: 'everyone', status: 'open', hidden: false,
        answerSource: null, createdAt: at(10), editedAt: null,
      }]);
      expect(records.hotseatFollowUps).toEqual([{ courseId: course.id, hotseatId: hotseat.id, questionId: bos.id, id: followUp.id, bodySource: 'And then?', anonymity: 'named', createdAt: at(50) }]);
      expect(records.hotseatVotes).toEqual([{ courseId: course.id, hotseatId: hotseat.id, questionId: bos.id, createdAt: at(40) }]);
      expect(records.hotseatAnswers).toEqual([{ courseId: course.id, hotseatId: hotseat.id, questionId: bos.id, answerSource: 'Because', answeredAt: at(30) }]);
      expect(records.hotseatHosting).toEqual([{ courseId: course.id, hotseatId: hotseat.id, kind: 'guest', bio: 'Ada, crystallographer', addedAt: at(1) }]);
      expect(records.alumni).toEqual([{ communityId: community, courseId: course.id, cohortLabel: 'Spring', graduatedAt: at(60) }]);
      expect(records.alumniProfiles).toEqual([{ communityId: community, visible: true, displayName: 'Ada L.', bio: 'Hi', tags: ['optics'], happyToBeAsked: true, updatedAt: at(70) }]);
      expect(records.gradePushes).toEqual([{ courseId: course.id, scoreGiven: 7.5, scoreMaximum: 10, pushedAt: at(80) }]);
    });

    it('erases the person\'s hotseat votes, host introductions, alumni profiles, mentor marks and grade records; their questions and answers stay', async () => {
      const { course, ada, bo, hotseat, mine, bos, community } = await seed();
      const counts = await s().personalData.erase(ada.id, { name: 'Former member', subject: 'erased:abc' });
      expect(counts).toMatchObject({ hotseatVotes: 1, hostBios: 1, alumniProfiles: 1, mentors: 1, gradePushes: 1 });
      expect(await s().hotseatVotes.votedBy(ada.id, [bos.id])).toEqual(new Set());
      expect(await s().hotseatVotes.votedBy(bo.id, [bos.id])).toEqual(new Set([bos.id]));
      expect(await s().hotseatQuestions.findById(course.id, bos.id)).toMatchObject({ voteCount: 2, answeredBy: ada.id, answerSource: 'Because' });
      expect(await s().hotseatQuestions.findById(course.id, mine.id)).toMatchObject({ authorId: ada.id, bodySource: 'Why?' });
      expect(await s().hotseatHosts.find(hotseat.id, ada.id)).toMatchObject({ kind: 'guest', bio: null });
      expect(await s().alumniProfiles.find(community, ada.id)).toBeNull();
      expect(await s().alumni.isMentor(community, ada.id)).toBe(false);
      expect((await s().participationGrades.listPushedScores(course.id)).map((p) => p.personId)).toEqual([bo.id]);
      const after = await s().personalData.collect(ada.id);
      expect([after.hotseatVotes, after.alumniProfiles, after.gradePushes]).toEqual([[], [], []]);
    });
  });

  /** A community with its space course (the records that refer to them need both). */
  async function aCommunity(creator: Person): Promise<{ community: string; space: Course }> {
    const community = newId();
    const space = await s().courses.upsertByKey(spaceCourseKey(community), { id: newId(), title: 'Alumni', label: 'Alumni community', now: t0 });
    await s().communities.create({
      id: community, name: 'Alumni', joinCode: `J${community.slice(-7).toUpperCase()}`, spaceCourseId: space.id, learnerAccess: 'read', quietDays: 14,
      createdBy: creator.id, createdAt: t0,
    });
    return { community, space };
  }
}
