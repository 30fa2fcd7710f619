import type { Community } from '../../domain/alumni';
import { countedAnonymity } from '../../domain/care';
import type { Course } from '../../domain/course';
import type { Thread } from '../../domain/discussion';
import type { Id } from '../../domain/ids';
import type { Notification } from '../../domain/notifications';
import type { StoredCourseEvent } from '../../domain/events';
import type { Actor } from '../../policies/can';
import type { Repositories } from '../../storage/ports';
import { namedThread, writeThread } from '../alumni/post-thread';
import type { CommandContext } from '../context';
import { notification } from '../discussion/support';

/**
 * Routing a course's question to alumni of its community: people who answered well in earlier runs
 * of the course, or in the community's own space, and who are no longer in this course.
 *
 * Alumni cannot open the course (its membership comes from the LMS roster), so a routed alumnus
 * could not follow a link to the question. Rather than open one thread of the course to outsiders
 * (a second door into every course, beside the LMS's), the question is posted once in the
 * community's space, which alumni can open: its title and text, never who asked (the asker wrote it
 * for their classmates, and anonymity is the course's promise). Alumni answer there; course staff,
 * who are the community's staff, see the answers and may carry them back. Each routed alumnus is
 * notified in the space; nobody else there is, and routing more alumni later reuses the same thread.
 */

export interface AlumniSuggestion {
  personId: Id;
  /** Named, staff-endorsed answers under tags of the same names in the community's runs and space. */
  answers: number;
  /** Per tag of this course (matched by name). */
  byTag: Array<{ tagId: Id; answers: number }>;
  cohorts: string[];
}

/** The community of an LMS course; none for a community's own space (its alumni are its learners). */
export async function linkedCommunity(ctx: CommandContext, courseId: Id): Promise<Community | null> {
  const link = await ctx.storage.alumniCourses.find(courseId);
  return link?.communityId ? ctx.storage.communities.findById(link.communityId) : null;
}

/** The alumnus's cohorts when they may be asked: an alumnus of the community who has not left it. */
export async function routableAlumnus(ctx: CommandContext, community: Community, personId: Id): Promise<string[] | null> {
  const [cohorts, leftAt] = await Promise.all([
    ctx.storage.alumni.listForPerson(community.id, personId),
    ctx.storage.alumni.findDeparture(community.id, personId),
  ]);
  return cohorts.length > 0 && !leftAt ? cohorts.map((c) => c.cohortLabel) : null;
}

const tagKey = (name: string) => name.trim().toLowerCase();

/**
 * Source: alumni with staff-endorsed answers under tags named like the question's. Only named
 * answers count: this course's staff were not necessarily staff of the run where an answer was
 * anonymous to classmates. An untagged question gets no alumni suggestions: across runs, only a
 * shared topic says who might know.
 */
export async function endorsedAlumni(ctx: CommandContext, course: Pick<Course, 'id'>, community: Community, thread: Thread, exclude: ReadonlySet<Id>): Promise<AlumniSuggestion[]> {
  if (thread.tagIds.length === 0) return [];
  const ownTags = (await ctx.storage.tags.listByCourse(course.id)).filter((t) => thread.tagIds.includes(t.id));
  const wanted = new Map(ownTags.map((t) => [tagKey(t.name), t.id]));
  const links = await ctx.storage.alumniCourses.listByCommunity(community.id);
  const places = [community.spaceCourseId, ...links.map((l) => l.courseId).filter((id) => id !== course.id)];
  const totals = new Map<Id, { answers: number; byTag: Map<Id, number> }>();
  for (const place of places) {
    // The place's tags with a name the question carries, each mapped to this course's tag.
    const mapped = new Map((await ctx.storage.tags.listByCourse(place)).flatMap((t) => (wanted.has(tagKey(t.name)) ? [[t.id, wanted.get(tagKey(t.name))!] as const] : [])));
    if (mapped.size === 0) continue;
    const filter = { anonymity: countedAnonymity('learner'), tagIds: [...mapped.keys()] };
    const [byAuthor, byTag] = await Promise.all([ctx.storage.expertise.countByAuthor(place, filter), ctx.storage.expertise.countByTag(place, filter)]);
    for (const { personId, answers } of byAuthor) {
      const entry = totals.get(personId) ?? { answers: 0, byTag: new Map<Id, number>() };
      entry.answers += answers;
      for (const count of byTag.filter((c) => c.personId === personId && c.tagId !== null)) {
        const ours = mapped.get(count.tagId!)!;
        entry.byTag.set(ours, (entry.byTag.get(ours) ?? 0) + count.answers);
      }
      totals.set(personId, entry);
    }
  }
  const suggestions: AlumniSuggestion[] = [];
  for (const [personId, entry] of totals) {
    if (exclude.has(personId)) continue;
    const cohorts = await routableAlumnus(ctx, community, personId);
    if (!cohorts) continue;
    suggestions.push({ personId, answers: entry.answers, byTag: [...entry.byTag].map(([tagId, answers]) => ({ tagId, answers })), cohorts });
  }
  return suggestions.sort((a, b) => b.answers - a.answers || (a.personId < b.personId ? -1 : 1));
}

/** What the space thread says above the question: where it comes from, and that its asker is not named. */
function spaceQuestionBody(courseTitle: string, thread: Thread): string {
  return `*Course staff of ${courseTitle} asked alumni for help with this question from one of its learners (who asked is not shared).*\n\n---\n\n${thread.bodySource}`;
}

/**
 * In the routing's transaction: the question's thread in the community's space (posted by the
 * routing staff member the first time), and the notice to one alumnus, pointing there.
 */
export async function routeToAlumnus(
  tx: Repositories,
  input: { course: Pick<Course, 'id' | 'title'>; community: Community; thread: Thread; actor: Actor; personId: Id; now: Date },
): Promise<{ notice: Notification; event: StoredCourseEvent | null }> {
  const { course, community, thread, actor, now } = input;
  let event: StoredCourseEvent | null = null;
  let routed = await tx.alumniRoutedQuestions.find(course.id, thread.id);
  if (!routed) {
    const posted = namedThread({ courseId: community.spaceCourseId, authorId: actor.person.id, kind: 'question', title: thread.title, body: spaceQuestionBody(course.title, thread), now });
    event = (await writeThread(tx, posted, [], now)).event;
    routed = { courseId: course.id, threadId: thread.id, communityId: community.id, spaceThreadId: posted.id, createdAt: now };
    await tx.alumniRoutedQuestions.add(routed);
  }
  const notice = notification('routed', input.personId, { courseId: community.spaceCourseId, threadId: routed.spaceThreadId, actorId: actor.person.id }, now);
  await tx.notifications.create(notice);
  return { notice, event };
}
