import { CARE_LIMITS, type CareSettings } from '../../domain/care';
import type { Course } from '../../domain/course';
import { badRequest } from '../../domain/errors';
import type { ErrorKey } from '../../i18n/messages/en/errors';
import type { ActivityPurge } from '../../domain/care';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';

export interface CareSettingsInput {
  courseId: string;
  answerTargetHours: number;
  quietDays: number;
  retentionDays: number;
}

function within(value: number, limits: { min: number; max: number }, code: string, sentence: ErrorKey): number {
  if (!Number.isInteger(value) || value < limits.min || value > limits.max) throw badRequest(code, sentence, { min: limits.min, max: limits.max });
  return value;
}

/** Staff set how fast questions should be answered, when a quiet room warns them, and how long activity logs are kept. */
export async function updateCareSettings(ctx: CommandContext, actor: Actor, input: CareSettingsInput): Promise<CareSettings> {
  authorize(actor, 'settings.manage', input);
  const { answerTargetHours: hours, quietDays: quiet, retentionDays: retention } = CARE_LIMITS;
  const settings: CareSettings = {
    courseId: input.courseId,
    answerTargetHours: within(input.answerTargetHours, hours, 'TARGET_OUT_OF_RANGE', 'errors.answerTargetRange'),
    quietDays: within(input.quietDays, quiet, 'QUIET_DAYS_OUT_OF_RANGE', 'errors.quietDaysRange'),
    retentionDays: within(input.retentionDays, retention, 'RETENTION_OUT_OF_RANGE', 'errors.retentionRange'),
    updatedAt: ctx.now(),
  };
  await ctx.storage.careSettings.save(settings);
  return settings;
}

/** The settings page: the settings and what the last retention purge removed. */
export async function loadCareSettings(ctx: CommandContext, actor: Actor, course: Pick<Course, 'id'>): Promise<{ settings: CareSettings; lastPurge: ActivityPurge | null }> {
  authorize(actor, 'settings.manage', { courseId: course.id });
  const [settings, lastPurge] = await Promise.all([
    ctx.storage.careSettings.get(course.id, ctx.now()),
    ctx.storage.activityLog.findPurge(course.id),
  ]);
  return { settings, lastPurge };
}
