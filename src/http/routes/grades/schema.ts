import { z } from 'zod';
import { RUBRIC_LIMITS } from '../../../domain/participation';

/**
 * The participation rubric as staff send it (a form or JSON). Every field is checked here and a
 * bad value is explained with the field's name, the range it takes and what was entered; numbers
 * may use a decimal comma, and keep at most two decimals (points are counted in hundredths).
 */
function amount(label: string, range: { min: number; max: number; zeroAllowed: boolean }) {
  const expected = range.zeroAllowed ? `a number from 0 to ${range.max}` : `a number above 0, at most ${range.max}`;
  return z.unknown().transform((raw, ctx) => {
    const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim().replace(',', '.') : '';
    const value = Number(text);
    const shown = typeof raw === 'string' || typeof raw === 'number' ? ` (you entered "${String(raw).slice(0, 20)}")` : '';
    if (text === '' || !Number.isFinite(value) || value < range.min || value > range.max || (!range.zeroAllowed && value === 0)) {
      ctx.addIssue({ code: 'custom', message: `${label} must be ${expected}${shown}.` });
      return z.NEVER;
    }
    if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6) {
      ctx.addIssue({ code: 'custom', message: `${label} can have at most ${RUBRIC_LIMITS.decimals} decimals${shown}.` });
      return z.NEVER;
    }
    return Math.round(value * 100) / 100;
  });
}

const points = (label: string) => amount(label, { min: 0, max: RUBRIC_LIMITS.pointsMax, zeroAllowed: true });
const formBoolean = z.union([z.boolean(), z.enum(['true', 'false', 'on', '1', '0'])]).optional()
  .transform((v) => v === true || v === 'true' || v === 'on' || v === '1');

export const GradeSettingsBody = z.object({
  // An unticked checkbox sends nothing: grading off.
  enabled: formBoolean,
  pointsPerThread: points('Points per thread'),
  pointsPerReply: points('Points per reply'),
  pointsPerEndorsedAnswer: points('Points per endorsed answer'),
  pointsPerHotseatQuestion: points('Points per hotseat question'),
  weeklyCap: amount('The weekly cap', { min: 0, max: RUBRIC_LIMITS.capMax, zeroAllowed: false }),
  scoreMaximum: amount('The maximum score', { min: 0, max: RUBRIC_LIMITS.scoreMax, zeroAllowed: false }),
  label: z.string({ message: 'Give the grade column a name (it appears in the LMS gradebook).' })
    .transform((v) => v.replace(/\s+/g, ' ').trim())
    .pipe(z.string()
      .min(1, 'Give the grade column a name (it appears in the LMS gradebook).')
      .max(RUBRIC_LIMITS.labelMax, `Keep the grade column's name under ${RUBRIC_LIMITS.labelMax} characters.`)),
  _csrf: z.string().optional(),
});
export type GradeSettingsBody = z.infer<typeof GradeSettingsBody>;

/** Messages shown after a redirect; only these words can appear, whatever the URL says. */
export const NOTICES = {
  saved: 'Saved. Agora sends the scores under this rubric within a few minutes.',
  pushed: 'Push finished. The status below says what was sent.',
  running: 'A push of this course is already running; the status below updates when it ends.',
} as const;
export const NoticeQuery = z.object({ notice: z.enum(['saved', 'pushed', 'running']).optional().catch(undefined) });
