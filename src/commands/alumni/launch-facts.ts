import { defaultCohortLabel } from '../../domain/alumni';
import type { Course } from '../../domain/course';
import type { Membership } from '../../domain/membership';
import type { CommandContext } from '../context';

/**
 * What a launch's custom parameters say about the course's life (see lti-config/): when it ends
 * (`course_end_at` = Canvas `$Canvas.course.endAt`, `section_end_at` = `$CourseSection.timeFrame.end`,
 * which Moodle sends as epoch seconds), which courses it was copied from (`context_id_history` =
 * `$Context.id.history`, a comma-separated list, most recent first) and its term (`term_name` =
 * Canvas `$Canvas.term.name`). A variable the platform could not resolve arrives as its literal
 * `$Name` text and counts as absent.
 */
export interface CourseLifeFacts {
  endsAt: Date | null;
  copiedFrom: string[];
  term: string | null;
}

const unresolved = (value: string | undefined): value is undefined => value === undefined || value.trim() === '' || value.trim().startsWith('$');

export function parseEndDate(value: string | undefined): Date | null {
  if (unresolved(value)) return null;
  const text = value.trim();
  // Epoch seconds (Moodle); 0 means "no end date".
  if (/^\d+$/.test(text)) return Number(text) > 0 ? new Date(Number(text) * 1000) : null;
  const millis = Date.parse(text);
  return Number.isNaN(millis) ? null : new Date(millis);
}

export function courseLifeFacts(custom: Record<string, string>): CourseLifeFacts {
  const history = unresolved(custom.context_id_history) ? [] : custom.context_id_history.split(',').map((id) => id.trim()).filter(Boolean);
  return {
    endsAt: parseEndDate(custom.course_end_at) ?? parseEndDate(custom.section_end_at),
    copiedFrom: [...new Set(history)].slice(0, 50),
    term: unresolved(custom.term_name) ? null : custom.term_name.trim().slice(0, 60),
  };
}

/**
 * After every launch: keep the course's end date, lineage and term; and someone who launches as a
 * learner into a course that has already graduated joins its alumni too (they were in that cohort).
 */
export async function noteCourseLaunch(ctx: CommandContext, launched: { course: Course; membership: Membership }, facts: CourseLifeFacts): Promise<void> {
  const now = ctx.now();
  const known = await ctx.storage.alumniCourses.find(launched.course.id);
  const changed = !known || (facts.endsAt && facts.endsAt.getTime() !== known.endsAt?.getTime())
    || (facts.copiedFrom.length > 0 && facts.copiedFrom.join(',') !== known.copiedFrom.join(',')) || (facts.term && facts.term !== known.term);
  const record = changed ? await ctx.storage.alumniCourses.recordFacts(launched.course.id, { ...facts, now }) : known;
  if (record.communityId && record.graduatedAt && launched.membership.role === 'learner') {
    await ctx.storage.alumni.add([{
      communityId: record.communityId, personId: launched.membership.personId, courseId: launched.course.id,
      cohortLabel: record.cohortLabel ?? defaultCohortLabel(launched.course, record.term), graduatedAt: record.graduatedAt,
    }]);
  }
}
