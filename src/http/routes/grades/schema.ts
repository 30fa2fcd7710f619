import { z } from 'zod';
import { RUBRIC_LIMITS } from '../../../domain/participation';

/**
 * The participation rubric as staff send it (a form or JSON). Every field is checked here and a
 * bad value is explained with the field's name, the range it takes and what was entered; numbers
 * may use a decimal comma, and keep at most two decimals (points are counted in hundredths).
 */
function amount(label: `errors.rubric.${string}`, range: { min: number; max: number; zeroAllowed: boolean }) {
  const field = { key: label };
  return z.unknown().transform((raw, ctx) => {
    const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim().replace(',', '.') : '';
    const value = Number(text);
    const shown = typeof raw === 'string' || typeof raw === 'number';
    const entered = String(raw).slice(0, 20);
    if (text === '' || !Number.isFinite(value) || value < range.min || value > range.max || (!range.zeroAllowed && value === 0)) {
      const message = `errors.rubric.${range.zeroAllowed ? 'fromZero' : 'aboveZero'}${shown ? 'Entered' : ''}`;
      ctx.addIssue({ code: 'custom', message, params: { field, max: String(range.max), entered } }); // "1000", as before
      return z.NEVER;
    }
    if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6) {
      ctx.addIssue({ code: 'custom', message: `errors.rubric.decimals${shown ? 'Entered' : ''}`, params: { field, decimals: RUBRIC_LIMITS.decimals, entered } });
      return z.NEVER;
    }
    return Math.round(value * 100) / 100;
  });
}

const points = (label: `errors.rubric.${string}`) => amount(label, { min: 0, max: RUBRIC_LIMITS.pointsMax, zeroAllowed: true });
const formBoolean = z.union([z.boolean(), z.enum(['true', 'false', 'on', '1', '0'])]).optional()
  .transform((v) => v === true || v === 'true' || v === 'on' || v === '1');

export const GradeSettingsBody = z.object({
  // An unticked checkbox sends nothing: grading off.
  enabled: formBoolean,
  pointsPerThread: points('errors.rubric.pointsPerThread'),
  pointsPerReply: points('errors.rubric.pointsPerReply'),
  pointsPerEndorsedAnswer: points('errors.rubric.pointsPerEndorsedAnswer'),
  pointsPerHotseatQuestion: points('errors.rubric.pointsPerHotseatQuestion'),
  weeklyCap: amount('errors.rubric.weeklyCap', { min: 0, max: RUBRIC_LIMITS.capMax, zeroAllowed: false }),
  scoreMaximum: amount('errors.rubric.scoreMaximum', { min: 0, max: RUBRIC_LIMITS.scoreMax, zeroAllowed: false }),
  label: z.string({ message: 'errors.rubric.labelRequired' })
    .transform((v) => v.replace(/\s+/g, ' ').trim())
    .pipe(z.string()
      .min(1, 'errors.rubric.labelRequired')
      .max(RUBRIC_LIMITS.labelMax, 'errors.rubric.labelTooLong')),
  _csrf: z.string().optional(),
});
export type GradeSettingsBody = z.infer<typeof GradeSettingsBody>;

/** Messages shown after a redirect (catalog keys); only these words can appear, whatever the URL says. */
export const NOTICES = {
  saved: 'grades.noticeSaved',
  pushed: 'grades.noticePushed',
  running: 'grades.noticeRunning',
} as const;
export const NoticeQuery = z.object({ notice: z.enum(['saved', 'pushed', 'running']).optional().catch(undefined) });
