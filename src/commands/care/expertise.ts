import { countedAnonymity, type EndorsedAnswerCount } from '../../domain/care';
import type { Course } from '../../domain/course';
import { notFound } from '../../domain/errors';
import { isActiveMember, type Membership } from '../../domain/membership';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { loadDirectory, type Directory } from '../discussion/directory';

/**
 * Who really knows what: staff-endorsed answers counted by tag, per person. Whose answers count
 * depends on who is looking (domain/care.ts `countedAnonymity`): learners see counts of named
 * answers only, staff also those anonymous to classmates; an answer anonymous to everyone counts
 * for no one, so a number beside a name can never unmask it.
 */
export interface ExpertiseDirectory {
  counts: EndorsedAnswerCount[];
  directory: Directory;
}

/** Every current member with endorsed answers, per tag. */
export async function loadExpertiseDirectory(ctx: CommandContext, actor: Actor, course: Pick<Course, 'id'>): Promise<ExpertiseDirectory> {
  authorize(actor, 'course.view', { courseId: course.id });
  const [counts, members] = await Promise.all([
    ctx.storage.expertise.countByTag(course.id, { anonymity: countedAnonymity(actor.membership.role) }),
    ctx.storage.memberships.listByCourse(course.id),
  ]);
  const current = new Set(members.map((m) => m.personId));
  const shown = counts.filter((c) => current.has(c.personId));
  return { counts: shown, directory: await loadDirectory(ctx, course, [], shown.map((c) => c.personId)) };
}

export interface PersonExpertise {
  personId: string;
  membership: Membership;
  /** Endorsed answers in all (an answer in a thread with two tags counts once here, and under each tag). */
  total: number;
  counts: EndorsedAnswerCount[];
  directory: Directory;
}

/** One member's endorsed answers by tag (their expertise card). */
export async function loadPersonExpertise(ctx: CommandContext, actor: Actor, course: Pick<Course, 'id'>, personId: string): Promise<PersonExpertise> {
  authorize(actor, 'course.view', { courseId: course.id });
  const membership = await ctx.storage.memberships.find(course.id, personId);
  if (!membership || !isActiveMember(membership)) throw notFound('MEMBER_NOT_FOUND', 'errors.memberNotFound');
  const filter = { anonymity: countedAnonymity(actor.membership.role), personId };
  const [counts, totals, directory] = await Promise.all([
    ctx.storage.expertise.countByTag(course.id, filter),
    ctx.storage.expertise.countByAuthor(course.id, filter),
    loadDirectory(ctx, course, [], [personId]),
  ]);
  return { personId, membership, total: totals[0]?.answers ?? 0, counts, directory };
}

/** A person's endorsed answers in an alumni community, by tag name (tags are per course, so names join them). */
export interface CommunityExpertise {
  total: number;
  /** Most answers first; `tag` null for answers in threads without tags. */
  tags: Array<{ tag: string | null; answers: number }>;
}

/**
 * "Endorsed answers by tag" on an alumni profile: answers staff endorsed in the community's space
 * and in every course run linked to it. Only answers under the person's name count, whoever looks:
 * a profile is seen across cohorts, by people who never were that run's staff.
 */
export async function communityExpertise(ctx: CommandContext, places: readonly string[], personId: string): Promise<CommunityExpertise> {
  const filter = { anonymity: countedAnonymity('learner'), personId };
  let total = 0;
  const byName = new Map<string | null, { tag: string | null; answers: number }>();
  for (const place of places) {
    const [counts, totals, tags] = await Promise.all([
      ctx.storage.expertise.countByTag(place, filter),
      ctx.storage.expertise.countByAuthor(place, filter),
      ctx.storage.tags.listByCourse(place),
    ]);
    total += totals[0]?.answers ?? 0;
    const names = new Map(tags.map((t) => [t.id, t.name]));
    for (const count of counts) {
      const name = count.tagId === null ? null : names.get(count.tagId) ?? null;
      const key = name === null ? null : name.trim().toLowerCase();
      const entry = byName.get(key) ?? { tag: name, answers: 0 };
      entry.answers += count.answers;
      byName.set(key, entry);
    }
  }
  const tags = [...byName.values()].sort((a, b) => (a.tag === null ? 1 : b.tag === null ? -1 : b.answers - a.answers || a.tag.localeCompare(b.tag)));
  return { total, tags };
}
