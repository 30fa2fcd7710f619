import type { ParticipationGrading, ParticipationRubric } from '../../domain/participation';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';

/**
 * Staff turn participation grading on or off and choose the rubric. Saving asks for a push, so the
 * LMS gets the new scores at the next tick. The input's shape and ranges were checked at the
 * boundary (routes/grades/schema.ts); here is who may, and what is stored.
 */
export async function saveGradeSettings(
  ctx: CommandContext,
  actor: Actor,
  input: ParticipationRubric & { courseId: string; enabled: boolean },
): Promise<ParticipationGrading> {
  authorize(actor, 'grades.manage', input);
  const settings = { ...input, updatedAt: ctx.now(), updatedBy: actor.person.id };
  await ctx.storage.participationGrades.saveSettings(settings);
  return settings;
}
