import type { Course } from '../../../domain/course';
import type { Reply, Thread } from '../../../domain/discussion';
import { phaseAt, type Hotseat, type HotseatFollowUp, type HotseatHost, type HotseatPhase, type HotseatQuestion } from '../../../domain/hotseat';
import type { Actor } from '../../../policies/can';
import { authorize } from '../../authorize';
import type { CommandContext } from '../../context';
import { loadDirectory, type Directory } from '../../discussion/directory';
import { visibleQuestions } from '../../hotseat/read';

/**
 * Staff export a course's discussions and hotseats, read piece by piece so a large course streams
 * instead of being held in memory. Each source of content is one generator: the discussion room's
 * threads, and the hotseats with their questions.
 */
export const EXPORT_PAGE = 100;
const REPLIES_PAGE = 1000;

export interface ExportedThreadSource {
  thread: Thread;
  replies: Reply[];
  directory: Directory;
}

export interface ExportedHotseatSource {
  hotseat: Hotseat;
  phase: HotseatPhase;
  hosts: HotseatHost[];
  /** Every question staff see (withdrawn ones are gone: their askers took them back). */
  questions: HotseatQuestion[];
  followUps: HotseatFollowUp[];
  directory: Directory;
}

export interface CourseExport {
  course: Pick<Course, 'id' | 'title' | 'label'>;
  exportedAt: Date;
  /** What this export contains; each name is one source below. */
  sources: string[];
  discussion: AsyncIterable<ExportedThreadSource>;
  hotseats: AsyncIterable<ExportedHotseatSource>;
}

/** Authorises now (not when the first thread is read), then hands back the sources to stream. */
export function startCourseExport(ctx: CommandContext, actor: Actor, course: Pick<Course, 'id' | 'title' | 'label'>): CourseExport {
  authorize(actor, 'course.export', { courseId: course.id });
  return {
    course, exportedAt: ctx.now(), sources: ['discussion', 'hotseats'], discussion: discussionThreads(ctx, course), hotseats: courseHotseats(ctx, course),
  };
}

/**
 * Source: every hotseat of the course, drafts included, with its hosts, the questions staff see and
 * their follow-ups. A hotseat holds hundreds of questions, not millions: one hotseat at a time.
 */
async function* courseHotseats(ctx: CommandContext, course: Pick<Course, 'id'>): AsyncGenerator<ExportedHotseatSource> {
  const now = ctx.now();
  const staff = { personId: '', role: 'staff', isHost: false } as const;
  for (const hotseat of await ctx.storage.hotseats.listByCourse(course.id)) {
    const phase = phaseAt(hotseat, now);
    const [hosts, all, followUps] = await Promise.all([
      ctx.storage.hotseatHosts.listByHotseat(hotseat.id),
      ctx.storage.hotseatQuestions.listByHotseat(hotseat.id),
      ctx.storage.hotseatFollowUps.listByHotseat(hotseat.id),
    ]);
    const questions = visibleQuestions(all, staff, phase);
    const shown = new Set(questions.map((q) => q.id));
    const kept = followUps.filter((f) => shown.has(f.questionId));
    const answerers = questions.map((q) => q.answeredBy).filter((id): id is string => id !== null);
    const directory = await loadDirectory(ctx, course, [...questions, ...kept], [...hosts.map((h) => h.personId), ...answerers]);
    yield { hotseat, phase, hosts, questions, followUps: kept, directory };
  }
}

/** Source: every thread of the discussion room, hidden ones included, with all its replies and comments. */
async function* discussionThreads(ctx: CommandContext, course: Pick<Course, 'id'>): AsyncGenerator<ExportedThreadSource> {
  let cursor: string | null = null;
  do {
    const page = await ctx.storage.threads.list(course.id, { sort: 'newest', limit: EXPORT_PAGE, cursor, includeHidden: true });
    for (const thread of page.items) {
      const replies: Reply[] = [];
      let after: string | null = null;
      for (;;) {
        const batch = await ctx.storage.replies.listByThread(course.id, thread.id, { limit: REPLIES_PAGE, after });
        replies.push(...batch);
        if (batch.length < REPLIES_PAGE) break;
        after = batch[batch.length - 1]!.id;
      }
      yield { thread, replies, directory: await loadDirectory(ctx, course, [thread, ...replies]) };
    }
    cursor = page.nextCursor;
  } while (cursor);
}
