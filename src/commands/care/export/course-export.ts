import type { Course } from '../../../domain/course';
import type { Reply, Thread } from '../../../domain/discussion';
import type { Actor } from '../../../policies/can';
import { authorize } from '../../authorize';
import type { CommandContext } from '../../context';
import { loadDirectory, type Directory } from '../../discussion/directory';

/**
 * Staff export a course's discussions, read page by page so a large course streams instead of
 * being held in memory. Each source of content is one generator; the discussion room is the only
 * one today (the hotseat's sessions and questions join here: see the report).
 */
export const EXPORT_PAGE = 100;
const REPLIES_PAGE = 1000;

export interface ExportedThreadSource {
  thread: Thread;
  replies: Reply[];
  directory: Directory;
}

export interface CourseExport {
  course: Pick<Course, 'id' | 'title' | 'label'>;
  exportedAt: Date;
  /** What this export contains; each name is one source below. */
  sources: string[];
  discussion: AsyncIterable<ExportedThreadSource>;
}

/** Authorises now (not when the first thread is read), then hands back the sources to stream. */
export function startCourseExport(ctx: CommandContext, actor: Actor, course: Pick<Course, 'id' | 'title' | 'label'>): CourseExport {
  authorize(actor, 'course.export', { courseId: course.id });
  return { course, exportedAt: ctx.now(), sources: ['discussion'], discussion: discussionThreads(ctx, course) };
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
