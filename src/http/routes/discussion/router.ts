import { Router, type Request, type Response } from 'express';
import type { CommandContext } from '../../../commands/context';
import { listThreads, readThread } from '../../../commands/read-discussion';
import { replyToThread } from '../../../commands/reply-to-thread';
import { startThread } from '../../../commands/start-thread';
import { isAppError } from '../../../domain/errors';
import { presentReply, presentThread, presentThreadSummary, threadUrl } from '../../../presenters/discussion';
import { handle } from '../../async-handler';
import { member, requireCourseMember } from '../../middleware/course-member';
import { validate } from '../../middleware/validate';
import { NewReplyBody, NewThreadBody, ThreadListQuery } from './schema';

/**
 * The first slice of the discussion room: a list of threads, a thread with its replies, and
 * forms to add both. Pages post plain forms (they work without JavaScript) and the same commands
 * answer the JSON API under /api; live updates reach other viewers through the socket broadcaster.
 */
export function discussionRouter(ctx: CommandContext): Router {
  const router = Router();
  router.use(['/c/:courseId/discussion', '/api/courses/:courseId'], requireCourseMember(ctx));

  const renderRoom = async (req: Request, res: Response, form: { error?: string; title?: string; body?: string } = {}) => {
    const { actor, course } = member(res);
    const query = req.query as { before?: string };
    const { page, people } = await listThreads(ctx, actor, course, { before: query.before ?? null });
    res.render('pages/discussion', {
      title: `Discussion room · ${course.title}`,
      page: 'discussion',
      course: { id: course.id, title: course.title, label: course.label },
      threads: page.items.map((thread) => presentThreadSummary(thread, people)),
      nextPage: page.nextCursor ? `/c/${course.id}/discussion?before=${encodeURIComponent(page.nextCursor)}` : null,
      isFirstPage: !query.before,
      form,
      csrfToken: req.session!.csrfToken,
      liveCourseId: course.id,
      lastSeq: await ctx.storage.events.latestSeq(course.id),
    });
  };

  const renderThread = async (req: Request, res: Response, form: { error?: string; body?: string } = {}) => {
    const { actor, course } = member(res);
    const { thread, replies, people } = await readThread(ctx, actor, course, String(req.params.threadId));
    res.render('pages/thread', {
      title: `${thread.title} · ${course.title}`,
      page: 'discussion',
      course: { id: course.id, title: course.title, label: course.label },
      thread: presentThread(thread, people),
      replies: replies.map((reply) => presentReply(reply, people)),
      form,
      csrfToken: req.session!.csrfToken,
      liveCourseId: course.id,
      liveThreadId: thread.id,
      lastSeq: await ctx.storage.events.latestSeq(course.id),
    });
  };

  // A rejected form comes back with its sentence and the person's text, not a dead-end error page.
  const orReshowForm = async (res: Response, work: () => Promise<void>, reshow: (message: string) => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      if (!isAppError(error) || error.status !== 400) throw error;
      res.status(400);
      await reshow(error.message);
    }
  };

  router.get('/c/:courseId/discussion', validate('query', ThreadListQuery), handle((req, res) => renderRoom(req, res)));

  router.post('/c/:courseId/discussion/threads', validate('body', NewThreadBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const input = req.body as { title: string; body: string };
    await orReshowForm(res, async () => {
      const thread = await startThread(ctx, actor, { courseId: course.id, title: input.title, body: input.body });
      res.redirect(303, threadUrl(course.id, thread.id));
    }, (error) => renderRoom(req, res, { error, title: input.title, body: input.body }));
  }));

  router.get('/c/:courseId/discussion/threads/:threadId', handle((req, res) => renderThread(req, res)));

  router.post('/c/:courseId/discussion/threads/:threadId/replies', validate('body', NewReplyBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const input = req.body as { body: string };
    await orReshowForm(res, async () => {
      const reply = await replyToThread(ctx, actor, { courseId: course.id, threadId: String(req.params.threadId), body: input.body });
      res.redirect(303, `${threadUrl(course.id, reply.threadId)}#reply-${reply.id}`);
    }, (error) => renderThread(req, res, { error, body: input.body }));
  }));

  // JSON API: same commands, same presenters.
  router.get('/api/courses/:courseId/threads', validate('query', ThreadListQuery), handle(async (req, res) => {
    const { actor, course } = member(res);
    const query = req.query as { before?: string };
    const { page, people } = await listThreads(ctx, actor, course, { before: query.before ?? null });
    res.json({ ok: true, data: { threads: page.items.map((t) => presentThreadSummary(t, people)), nextCursor: page.nextCursor } });
  }));

  router.post('/api/courses/:courseId/threads', validate('body', NewThreadBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const input = req.body as { title: string; body: string };
    const thread = await startThread(ctx, actor, { courseId: course.id, title: input.title, body: input.body });
    res.status(201).json({ ok: true, data: { thread: presentThread(thread, new Map([[actor.person.id, actor.person]])) } });
  }));

  router.get('/api/courses/:courseId/threads/:threadId', handle(async (req, res) => {
    const { actor, course } = member(res);
    const { thread, replies, people } = await readThread(ctx, actor, course, String(req.params.threadId));
    res.json({ ok: true, data: { thread: presentThread(thread, people), replies: replies.map((r) => presentReply(r, people)) } });
  }));

  router.post('/api/courses/:courseId/threads/:threadId/replies', validate('body', NewReplyBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const reply = await replyToThread(ctx, actor, { courseId: course.id, threadId: String(req.params.threadId), body: (req.body as { body: string }).body });
    res.status(201).json({ ok: true, data: { reply: presentReply(reply, new Map([[actor.person.id, actor.person]])) } });
  }));

  return router;
}
