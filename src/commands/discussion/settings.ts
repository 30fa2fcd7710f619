import type { CourseSettings } from '../../domain/course-settings';
import type { Anonymity, Tag } from '../../domain/discussion';
import { LIMITS } from '../../domain/discussion';
import { AppError, badRequest, notFound } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';

/**
 * Staff set how anonymous authors may be and write the posting policy. A changed policy gets a
 * new version, which learners accept again before their next post. Earlier posts keep the
 * anonymity they were written with, whatever the setting becomes.
 */
export async function updateSettings(
  ctx: CommandContext,
  actor: Actor,
  input: { courseId: string; anonymity: Anonymity; postingPolicy: string },
): Promise<CourseSettings> {
  authorize(actor, 'settings.manage', input);
  const policy = input.postingPolicy.replace(/\r\n/g, '\n').trim();
  if (policy.length > LIMITS.policyMax) throw badRequest('POLICY_TOO_LONG', 'errors.policyTooLong', { max: LIMITS.policyMax });
  const now = ctx.now();
  const current = await ctx.storage.settings.get(input.courseId, now);
  const postingPolicy = policy === '' ? null : policy;
  const settings: CourseSettings = {
    courseId: input.courseId,
    anonymity: input.anonymity,
    postingPolicy,
    policyVersion: postingPolicy !== current.postingPolicy && postingPolicy !== null ? current.policyVersion + 1 : current.policyVersion,
    updatedAt: now,
  };
  await ctx.storage.settings.save(settings);
  return settings;
}

export async function acceptPolicy(ctx: CommandContext, actor: Actor, input: { courseId: string }): Promise<void> {
  authorize(actor, 'course.view', input);
  const settings = await ctx.storage.settings.get(input.courseId, ctx.now());
  if (!settings.postingPolicy) return;
  await ctx.storage.settings.acceptPolicy({ courseId: input.courseId, personId: actor.person.id, version: settings.policyVersion, at: ctx.now() });
}

export async function createTag(ctx: CommandContext, actor: Actor, input: { courseId: string; name: string }): Promise<Tag> {
  authorize(actor, 'settings.manage', input);
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (!name) throw badRequest('TAG_NAME_REQUIRED', 'errors.tagNameRequired');
  if (name.length > LIMITS.tagNameMax) throw badRequest('TAG_NAME_TOO_LONG', 'errors.tagNameTooLong', { max: LIMITS.tagNameMax });
  const existing = await ctx.storage.tags.listByCourse(input.courseId);
  if (existing.some((tag) => tag.name.toLowerCase() === name.toLowerCase())) {
    throw new AppError('TAG_EXISTS', 409, 'errors.tagExists', { name });
  }
  const now = ctx.now();
  const tag: Tag = { id: newId(now.getTime()), courseId: input.courseId, name, createdAt: now };
  await ctx.storage.tags.create(tag);
  return tag;
}

export async function deleteTag(ctx: CommandContext, actor: Actor, input: { courseId: string; tagId: string }): Promise<void> {
  authorize(actor, 'settings.manage', input);
  if (!(await ctx.storage.tags.delete(input.courseId, input.tagId))) throw notFound('TAG_NOT_FOUND', 'errors.tagNotFound');
}
