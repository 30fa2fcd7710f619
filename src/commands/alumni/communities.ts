import { randomInt } from 'node:crypto';
import {
  ALUMNI_LIMITS, defaultCohortLabel, LEARNER_ACCESS, spaceCourseKey, type AlumniCourse, type Community, type LearnerAccess,
} from '../../domain/alumni';
import type { Course } from '../../domain/course';
import { AppError, badRequest, notFound } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';

/** Staff link their course to an alumni community: a new one, one they also staff, or one whose join code they have. */

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

/** Join codes look like K7QM-2XPA: no 0/O or 1/I/L to misread when someone reads one aloud. */
export function newJoinCode(): string {
  const chars = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** What people type, as stored: upper case, the dash in the middle whatever they put. */
export function normaliseJoinCode(typed: string): string {
  const chars = typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return chars.length === 8 ? `${chars.slice(0, 4)}-${chars.slice(4)}` : chars;
}

export function checkCohortLabel(label: string): string {
  const text = label.replace(/\s+/g, ' ').trim();
  if (!text) throw badRequest('COHORT_LABEL_REQUIRED', 'errors.cohortLabelRequired');
  if (text.length > ALUMNI_LIMITS.cohortLabelMax) throw badRequest('COHORT_LABEL_TOO_LONG', 'errors.cohortLabelTooLong', { max: ALUMNI_LIMITS.cohortLabelMax });
  return text;
}

function checkName(name: string): string {
  const text = name.replace(/\s+/g, ' ').trim();
  if (!text) throw badRequest('COMMUNITY_NAME_REQUIRED', 'errors.communityNameRequired');
  if (text.length > ALUMNI_LIMITS.nameMax) throw badRequest('COMMUNITY_NAME_TOO_LONG', 'errors.communityNameTooLong', { max: ALUMNI_LIMITS.nameMax });
  return text;
}

async function requireUnlinked(ctx: CommandContext, course: Course): Promise<AlumniCourse | null> {
  const record = await ctx.storage.alumniCourses.find(course.id);
  if (record?.communityId) {
    throw new AppError('ALREADY_LINKED', 409, 'errors.courseAlreadyLinked');
  }
  return record;
}

/** Creates a community with this course as its first cohort. */
export async function createCommunity(ctx: CommandContext, actor: Actor, course: Course, input: { name: string; cohortLabel?: string }): Promise<Community> {
  authorize(actor, 'alumni.manage', { courseId: course.id });
  const name = checkName(input.name);
  const record = await requireUnlinked(ctx, course);
  const cohortLabel = checkCohortLabel(input.cohortLabel || defaultCohortLabel(course, record?.term ?? null));
  const now = ctx.now();
  const communityId = newId(now.getTime());
  return ctx.storage.transaction(async (tx) => {
    const space = await tx.courses.upsertByKey(spaceCourseKey(communityId), { id: newId(now.getTime()), title: name, label: 'Alumni community', now });
    const community: Community = {
      id: communityId, name, joinCode: newJoinCode(), spaceCourseId: space.id, learnerAccess: 'read', quietDays: 14, createdBy: actor.person.id, createdAt: now,
    };
    await tx.communities.create(community);
    if (!(await tx.alumniCourses.link(course.id, { communityId, cohortLabel, by: actor.person.id, now }))) {
      throw new AppError('ALREADY_LINKED', 409, 'errors.courseLinkedMeanwhile');
    }
    return community;
  });
}

/** Communities this person staffs through another linked course: the list staff pick from. */
export async function joinableCommunities(ctx: CommandContext, actor: Actor): Promise<Community[]> {
  return ctx.storage.communities.listByIds(await staffedCommunityIds(ctx, actor.person.id));
}

/**
 * The community of the course this one was copied from, when the launch carried the copy history
 * and that course is linked: Agora suggests it.
 */
export async function suggestedCommunity(ctx: CommandContext, course: Course): Promise<{ community: Community; fromCohort: string | null } | null> {
  const record = await ctx.storage.alumniCourses.find(course.id);
  if (!record || record.communityId || record.copiedFrom.length === 0) return null;
  const source = await ctx.storage.alumniCourses.findLinkedByContext(course.issuer, course.clientId, record.copiedFrom);
  if (!source?.communityId) return null;
  const community = await ctx.storage.communities.findById(source.communityId);
  return community ? { community, fromCohort: source.cohortLabel } : null;
}

/**
 * Links the course to an existing community: by its join code, or by id when the person staffs
 * one of its courses or it is the community Agora suggested from the copy history.
 */
export async function joinCommunity(ctx: CommandContext, actor: Actor, course: Course, input: { communityId?: string; joinCode?: string; cohortLabel?: string }): Promise<Community> {
  authorize(actor, 'alumni.manage', { courseId: course.id });
  let community: Community | null = null;
  if (input.joinCode) {
    community = await ctx.storage.communities.findByJoinCode(normaliseJoinCode(input.joinCode));
    if (!community) throw notFound('JOIN_CODE_UNKNOWN', 'errors.joinCodeUnknown');
  } else if (input.communityId) {
    const allowed = new Set(await staffedCommunityIds(ctx, actor.person.id));
    const suggestion = await suggestedCommunity(ctx, course);
    if (suggestion) allowed.add(suggestion.community.id);
    community = allowed.has(input.communityId) ? await ctx.storage.communities.findById(input.communityId) : null;
    if (!community) throw notFound('COMMUNITY_NOT_OFFERED', 'errors.communityNotOffered');
  } else {
    throw badRequest('COMMUNITY_REQUIRED', 'errors.communityRequired');
  }
  const record = await requireUnlinked(ctx, course);
  const cohortLabel = checkCohortLabel(input.cohortLabel || defaultCohortLabel(course, record?.term ?? null));
  if (!(await ctx.storage.alumniCourses.link(course.id, { communityId: community.id, cohortLabel, by: actor.person.id, now: ctx.now() }))) {
    throw new AppError('ALREADY_LINKED', 409, 'errors.courseLinkedMeanwhile');
  }
  return community;
}

/** Ids of the communities one of whose linked courses this person is active staff of. */
async function staffedCommunityIds(ctx: CommandContext, personId: string): Promise<string[]> {
  return ctx.storage.alumniCourses.communitiesStaffedBy(personId);
}

export async function setCohortLabel(ctx: CommandContext, actor: Actor, course: Course, label: string): Promise<void> {
  authorize(actor, 'alumni.manage', { courseId: course.id });
  const record = await ctx.storage.alumniCourses.find(course.id);
  if (!record?.communityId) throw badRequest('NOT_LINKED', 'errors.linkCourseFirst');
  await ctx.storage.alumniCourses.setCohortLabel(course.id, checkCohortLabel(label), ctx.now());
}

export async function updateCommunitySettings(
  ctx: CommandContext, actor: Actor, community: Community, input: { name?: string; learnerAccess?: LearnerAccess; quietDays?: number },
): Promise<Community> {
  authorize(actor, 'alumni.manage', { courseId: community.spaceCourseId });
  if (input.learnerAccess && !LEARNER_ACCESS.includes(input.learnerAccess)) throw badRequest('INVALID_INPUT', 'errors.learnerAccessInvalid');
  if (input.quietDays !== undefined && (!Number.isInteger(input.quietDays) || input.quietDays < 1 || input.quietDays > ALUMNI_LIMITS.quietDaysMax)) {
    throw badRequest('QUIET_DAYS_INVALID', 'errors.quietDaysInvalid', { max: ALUMNI_LIMITS.quietDaysMax });
  }
  const name = input.name !== undefined ? checkName(input.name) : undefined;
  const updated = await ctx.storage.transaction(async (tx) => {
    const saved = await tx.communities.update(community.id, { name, learnerAccess: input.learnerAccess, quietDays: input.quietDays });
    // The space course carries the community's name into the room's pages.
    if (name) {
      const space = await tx.courses.findById(community.spaceCourseId);
      if (space) await tx.courses.upsertByKey(space, { id: space.id, title: name, label: space.label, now: ctx.now() });
    }
    return saved;
  });
  return updated!;
}
