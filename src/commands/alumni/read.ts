import type { AlumniCourse, AlumniQuestion, Community, EmailSignIn, Prompt } from '../../domain/alumni';
import type { Course } from '../../domain/course';
import type { Thread } from '../../domain/discussion';
import type { Id } from '../../domain/ids';
import { can, type Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { loadDirectory, type Directory } from '../discussion/directory';
import { joinableCommunities, suggestedCommunity } from './communities';

/** What the alumni pages show; presenters/alumni.ts turns it into view models. */

export interface CohortInfo {
  link: AlumniCourse;
  course: Course | null;
  alumniCount: number;
}

export interface SpaceHome {
  community: Community;
  cohorts: CohortInfo[];
  recentThreads: Thread[];
  questions: Array<{ question: AlumniQuestion; thread: Thread | null }>;
  directory: Directory;
  lastActivityAt: Date | null;
  /** No post for the community's quiet days (staff see it). */
  quiet: boolean;
  isAlumnus: boolean;
  hasProfile: boolean;
  emailSignIn: EmailSignIn | null;
  prompts: Prompt[];
  /** Linked courses this viewer staffs: where they may schedule course-room prompts. */
  staffedCourses: Course[];
}

const RECENT = 5;

export async function loadSpaceHome(ctx: CommandContext, actor: Actor, community: Community): Promise<SpaceHome> {
  authorize(actor, 'course.view', { courseId: community.spaceCourseId });
  const space = community.spaceCourseId;
  const seeHidden = can(actor, 'post.seeHidden', { courseId: space });
  const [links, recent, questions, lastActivityAt, cohorts, profile, emailSignIn] = await Promise.all([
    ctx.storage.alumniCourses.listByCommunity(community.id),
    ctx.storage.threads.list(space, { sort: 'activity', limit: RECENT, includeHidden: seeHidden }),
    ctx.storage.alumniQuestions.listByCommunity(community.id, 10),
    ctx.storage.threads.lastActivityAt(space),
    ctx.storage.alumni.listForPerson(community.id, actor.person.id),
    ctx.storage.alumniProfiles.find(community.id, actor.person.id),
    ctx.storage.signIn.findOptIn(actor.person.id),
  ]);
  const isStaff = can(actor, 'alumni.manage', { courseId: space });
  const cohortInfo = await Promise.all(links.map(async (link) => ({
    link,
    course: await ctx.storage.courses.findById(link.courseId),
    alumniCount: isStaff ? await ctx.storage.alumni.countByCourse(link.courseId) : 0,
  })));
  const questionThreads = await Promise.all(questions.map(async (question) => {
    const thread = await ctx.storage.threads.findById(space, question.threadId);
    return { question, thread: thread && !thread.deletedAt && (seeHidden || !thread.hidden) ? thread : null };
  }));
  const shownThreads = recent.items.filter((t) => !t.deletedAt);
  const directory = await loadDirectory(ctx, { id: space }, [...shownThreads, ...questionThreads.flatMap((q) => (q.thread ? [q.thread] : []))]);
  const quietSince = ctx.now().getTime() - community.quietDays * 24 * 3600 * 1000;
  const staffedCourses = isStaff ? await coursesStaffedBy(ctx, actor.person.id, cohortInfo) : [];
  return {
    community, cohorts: cohortInfo, recentThreads: shownThreads, questions: questionThreads.filter((q) => q.thread !== null), directory,
    lastActivityAt, quiet: !lastActivityAt || lastActivityAt.getTime() < quietSince,
    isAlumnus: cohorts.length > 0, hasProfile: profile !== null, emailSignIn,
    prompts: can(actor, 'alumni.prompt', { courseId: space }) ? await ctx.storage.prompts.listByCommunity(community.id) : [],
    staffedCourses,
  };
}

async function coursesStaffedBy(ctx: CommandContext, personId: Id, cohorts: CohortInfo[]): Promise<Course[]> {
  const staffed: Course[] = [];
  for (const { course } of cohorts) {
    if (!course) continue;
    const membership = await ctx.storage.memberships.find(course.id, personId);
    if (membership?.role === 'staff' && !membership.removedAt) staffed.push(course);
  }
  return staffed;
}

export interface CourseAlumni {
  record: AlumniCourse | null;
  community: Community | null;
  /** For staff of an unlinked course: the copied-from suggestion and the communities they staff. */
  suggestion: { community: Community; fromCohort: string | null } | null;
  joinable: Community[];
  alumniCount: number;
}

/** The course's alumni page: its community (if linked) and, for staff, how to link it. */
export async function loadCourseAlumni(ctx: CommandContext, actor: Actor, course: Course): Promise<CourseAlumni> {
  authorize(actor, 'course.view', { courseId: course.id });
  const record = await ctx.storage.alumniCourses.find(course.id);
  const community = record?.communityId ? await ctx.storage.communities.findById(record.communityId) : null;
  const isStaff = can(actor, 'alumni.manage', { courseId: course.id });
  const suggestion = isStaff && !community ? await suggestedCommunity(ctx, course) : null;
  const joinable = isStaff && !community ? (await joinableCommunities(ctx, actor)).filter((c) => c.id !== suggestion?.community.id) : [];
  return { record, community, suggestion, joinable, alumniCount: community ? await ctx.storage.alumni.countByCourse(course.id) : 0 };
}

/** The communities this person can open: those they are alumni of, and those of courses they are in. */
export async function myCommunities(ctx: CommandContext, personId: Id, scope: 'launch' | 'alumni'): Promise<Community[]> {
  const alumniOf = (await ctx.storage.alumni.listAllForPerson(personId)).map((a) => a.communityId);
  const staffed = scope === 'launch' ? await ctx.storage.alumniCourses.communitiesStaffedBy(personId) : [];
  const communities = await ctx.storage.communities.listByIds([...alumniOf, ...staffed]);
  const open: Community[] = [];
  for (const community of communities) {
    if (!(await ctx.storage.alumni.findDeparture(community.id, personId))) open.push(community);
  }
  return open;
}

/** What the course home says of the course's alumni space: its community and when it last saw a post. */
export interface CourseAlumniSummary {
  communityName: string;
  lastActivityAt: Date | null;
}

export async function courseAlumniSummary(ctx: CommandContext, courseId: Id): Promise<CourseAlumniSummary | null> {
  const record = await ctx.storage.alumniCourses.find(courseId);
  const community = record?.communityId ? await ctx.storage.communities.findById(record.communityId) : null;
  if (!community) return null;
  return { communityName: community.name, lastActivityAt: await ctx.storage.threads.lastActivityAt(community.spaceCourseId) };
}
