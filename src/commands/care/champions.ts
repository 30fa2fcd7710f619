import type { Champion } from '../../domain/care';
import type { Course } from '../../domain/course';
import { badRequest } from '../../domain/errors';
import { isActiveMember } from '../../domain/membership';
import type { Person } from '../../domain/person';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';

/**
 * Community champions: learners staff trust to tend the rooms. A champion gets a badge beside their
 * name and may pin and lock threads of this course (policies/can.ts), nothing more: no hiding, no
 * endorsing, no settings, no anonymous names. In an alumni community's space course, its staff
 * (staff of a linked course) choose champions among its alumni: current learners there may at most
 * read and post, and tending the alumni room is for those who finished the course.
 */

/** Marks the actor as a champion of the course when staff made them one (resolve-actor.ts calls this). */
export async function withChampionFlag<T extends { actor: Actor; course: Pick<Course, 'id'> }>(ctx: CommandContext, resolved: T): Promise<T> {
  const { actor, course } = resolved;
  if (actor.membership.role !== 'learner') return resolved;
  if (!(await ctx.storage.champions.isChampion(course.id, actor.person.id))) return resolved;
  return { ...resolved, actor: { ...actor, champion: true } };
}

export async function markChampion(ctx: CommandContext, actor: Actor, input: { courseId: string; personId: string }): Promise<void> {
  authorize(actor, 'champions.manage', input);
  const membership = await ctx.storage.memberships.find(input.courseId, input.personId);
  if (!membership || !isActiveMember(membership)) {
    throw badRequest('NOT_A_MEMBER', 'errors.championNotAMember');
  }
  if (membership.role === 'staff') {
    throw badRequest('ALREADY_STAFF', 'errors.alreadyStaff');
  }
  const community = await ctx.storage.communities.findBySpaceCourse(input.courseId);
  if (community && !(await isCurrentAlumnus(ctx, community.id, input.personId))) {
    // The sentence lives in this feature's own catalog (i18n/messages/*/care-wiring.ts), which the
    // translator merges with the others; AppError's type lists only the errors catalog's keys.
    throw badRequest('NOT_ALUMNI', 'errors.championNotAlumnus');
  }
  await ctx.storage.champions.add({ courseId: input.courseId, personId: input.personId, grantedBy: actor.person.id, grantedAt: ctx.now() });
}

export async function unmarkChampion(ctx: CommandContext, actor: Actor, input: { courseId: string; personId: string }): Promise<boolean> {
  authorize(actor, 'champions.manage', input);
  return ctx.storage.champions.remove(input.courseId, input.personId);
}

/** An alumnus of the community who has not left it. */
async function isCurrentAlumnus(ctx: CommandContext, communityId: string, personId: string): Promise<boolean> {
  const [cohorts, leftAt] = await Promise.all([ctx.storage.alumni.listForPerson(communityId, personId), ctx.storage.alumni.findDeparture(communityId, personId)]);
  return cohorts.length > 0 && !leftAt;
}

export interface ChampionsPage {
  champions: Array<{ champion: Champion; person: Person | undefined }>;
  /** Learners who could be made champions (current learner members, alumni in a community's space, not champions yet). */
  candidates: Person[];
  /** The page is an alumni community's (its space course). */
  inCommunity: boolean;
}

/** Staff's champions page: the current champions and the learners they could add. */
export async function loadChampions(ctx: CommandContext, actor: Actor, course: Pick<Course, 'id'>): Promise<ChampionsPage> {
  authorize(actor, 'champions.manage', { courseId: course.id });
  const [champions, memberships] = await Promise.all([
    ctx.storage.champions.listByCourse(course.id),
    ctx.storage.memberships.listByCourse(course.id),
  ]);
  const championIds = new Set(champions.map((c) => c.personId));
  const community = await ctx.storage.communities.findBySpaceCourse(course.id);
  const learnerIds: string[] = [];
  for (const m of memberships) {
    if (m.role !== 'learner' || !isActiveMember(m)) continue;
    if (community && !(await isCurrentAlumnus(ctx, community.id, m.personId))) continue;
    learnerIds.push(m.personId);
  }
  const people = new Map((await ctx.storage.people.findByIds([...learnerIds, ...championIds])).map((p) => [p.id, p]));
  return {
    champions: champions.map((champion) => ({ champion, person: people.get(champion.personId) })),
    candidates: learnerIds.filter((id) => !championIds.has(id)).map((id) => people.get(id)).filter((p): p is Person => p !== undefined),
    inCommunity: community !== null,
  };
}
