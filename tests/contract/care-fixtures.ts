/**
 * What the community-care contract suites build their cases from: courses, members, threads,
 * replies and tags written through the storage under test.
 */
import type { Course } from '../../src/domain/course';
import type { Reply, Thread } from '../../src/domain/discussion';
import { newId } from '../../src/domain/ids';
import type { Person } from '../../src/domain/person';
import type { Storage } from '../../src/storage/ports';

export function careFixtures(current: () => Storage, t0: Date) {
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  const HOUR = 3600;
  const DAY = 24 * HOUR;
  const key = { issuer: 'https://lms.example', clientId: 'client-1', deploymentId: 'dep-1' };
  const s = () => current();

  async function aCourse(contextId = 'ctx-care'): Promise<Course> {
    return s().courses.upsertByKey({ ...key, contextId }, { id: newId(), title: `Course ${contextId}`, label: null, now: t0 });
  }
  async function aMember(course: Course, subject: string, role: 'staff' | 'learner' = 'learner'): Promise<Person> {
    const person = await s().people.upsertByIdentity(
      { issuer: key.issuer, subject },
      { id: newId(), name: `Person ${subject}`, givenName: null, familyName: null, email: `${subject}@example.edu`, now: t0 },
    );
    await s().memberships.recordLaunch({ courseId: course.id, personId: person.id, role, ltiRoles: [], now: t0 });
    return person;
  }
  async function aThread(course: Course, author: Person, overrides: Partial<Thread> = {}): Promise<Thread> {
    const thread: Thread = {
      id: newId(), courseId: course.id, authorId: author.id, kind: 'question', anonymity: 'named', title: 'A question',
      bodySource: 'Body', bodyHtml: '<p>Body</p>', tagIds: [], replyCount: 0, answerCount: 0, voteCount: 0,
      pinned: false, locked: false, hidden: false, acceptedReplyId: null, endorsedAnswerCount: 0,
      createdAt: t0, editedAt: null, deletedAt: null, lastActivityAt: t0, ...overrides,
    };
    await s().threads.create(thread);
    return thread;
  }
  async function aReply(thread: Thread, author: Person, overrides: Partial<Reply> = {}): Promise<Reply> {
    const reply: Reply = {
      id: newId(), courseId: thread.courseId, threadId: thread.id, parentId: null, authorId: author.id, anonymity: 'named',
      bodySource: 'r', bodyHtml: '<p>r</p>', voteCount: 0, hidden: false, endorsedBy: null, endorsedAt: null,
      createdAt: t0, editedAt: null, deletedAt: null, ...overrides,
    };
    await s().replies.create(reply);
    return reply;
  }
  async function aTag(course: Course, name: string): Promise<string> {
    const id = newId();
    await s().tags.create({ id, courseId: course.id, name, createdAt: t0 });
    return id;
  }

  return { at, HOUR, DAY, key, s, aCourse, aMember, aThread, aReply, aTag };
}
