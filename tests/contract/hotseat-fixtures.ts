/**
 * Courses, people, hotseats, questions and follow-ups for the hotseat contract suites, stored
 * through the repositories of the storage under test (courses and people first: the hotseat
 * records refer to them).
 */
import type { Course } from '../../src/domain/course';
import type { Hotseat, HotseatFollowUp, HotseatQuestion } from '../../src/domain/hotseat';
import { newId } from '../../src/domain/ids';
import type { Person } from '../../src/domain/person';
import type { Storage } from '../../src/storage/ports';

export function hotseatFixtures(current: () => Storage, t0: Date) {
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  const key = { issuer: 'https://lms.example', clientId: 'client-1', deploymentId: 'dep-1' };

  async function aCourse(contextId = 'ctx-hotseat'): Promise<Course> {
    return current().courses.upsertByKey({ ...key, contextId }, { id: newId(), title: `Course ${contextId}`, label: null, now: t0 });
  }

  async function aPerson(subject: string): Promise<Person> {
    return current().people.upsertByIdentity(
      { issuer: key.issuer, subject },
      { id: newId(), name: `Person ${subject}`, givenName: null, familyName: null, email: null, now: t0 },
    );
  }

  /** A published hotseat that opens in a minute, goes live in an hour and closes an hour later. */
  async function aHotseat(course: Course, overrides: Partial<Hotseat> = {}): Promise<Hotseat> {
    const creator = await aPerson('hotseat-creator');
    const hotseat: Hotseat = {
      id: newId(), courseId: course.id, title: 'Ask the examiner', descriptionSource: 'Bring questions.',
      descriptionHtml: '<p>Bring questions.</p>', createdBy: creator.id, publishedAt: t0, opensAt: at(60), startsAt: at(3600),
      endsAt: at(7200), phase: 'scheduled', premoderation: false, convertOnClose: false, answeringQuestionId: null,
      createdAt: t0, updatedAt: t0, ...overrides,
    };
    await current().hotseats.create(hotseat);
    return hotseat;
  }

  /** A question asked `seconds` after t0; its id is made from that time, as commands make ids. */
  async function aQuestion(hotseat: Hotseat, author: Person, seconds: number, overrides: Partial<HotseatQuestion> = {}): Promise<HotseatQuestion> {
    const question: HotseatQuestion = {
      id: newId(at(seconds).getTime()), hotseatId: hotseat.id, courseId: hotseat.courseId, authorId: author.id, anonymity: 'named',
      bodySource: 'Why?', bodyHtml: '<p>Why?</p>', status: 'open', hidden: false, voteCount: 0, voteVersion: 0,
      declineReason: null, mergedIntoId: null, answerSource: null, answerHtml: null, answeredBy: null, answeredAt: null,
      convertedThreadId: null, createdAt: at(seconds), editedAt: null, ...overrides,
    };
    await current().hotseatQuestions.create(question);
    return question;
  }

  async function aFollowUp(question: HotseatQuestion, author: Person, seconds: number, overrides: Partial<HotseatFollowUp> = {}): Promise<HotseatFollowUp> {
    const followUp: HotseatFollowUp = {
      id: newId(at(seconds).getTime()), questionId: question.id, hotseatId: question.hotseatId, courseId: question.courseId,
      authorId: author.id, anonymity: 'named', bodySource: 'And then?', bodyHtml: '<p>And then?</p>', createdAt: at(seconds), ...overrides,
    };
    await current().hotseatFollowUps.create(followUp);
    return followUp;
  }

  return { at, aCourse, aPerson, aHotseat, aQuestion, aFollowUp };
}
