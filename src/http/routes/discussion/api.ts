import { Router } from 'express';
import type { CommandContext } from '../../../commands/context';
import { courseMentions } from '../../../commands/discussion/support';
import { listThreads, readThread } from '../../../commands/discussion/read';
import { replyToThread } from '../../../commands/discussion/reply';
import { startThread } from '../../../commands/discussion/start-thread';
import { loadDirectory } from '../../../commands/discussion/directory';
import { subjectOf } from '../../../policies/can';
import { presentReply, presentReplyTree, presentThread, presentThreadSummary } from '../../../presenters/discussion';
import { handle } from '../../async-handler';
import { member } from '../../middleware/course-member';
import { validate } from '../../middleware/validate';
import { MembersQuery, NewReplyBody, NewThreadBody, ThreadListQuery } from './schema';

/** The JSON API under /api/courses/:courseId: the same commands and presenters as the pages. */
export function discussionApi(ctx: CommandContext): Router {
  const router = Router();

  router.get('/api/courses/:courseId/threads', handle(async (req, res) => {
    const { actor, course } = member(res);
    const query = ThreadListQuery.parse(req.query);
    const { page, directory, state } = await listThreads(ctx, actor, course, { sort: query.sort, filter: query.filter, tagId: query.tag, cursor: query.cursor });
    res.json({ ok: true, data: { threads: page.items.map((t) => presentThreadSummary(t, subjectOf(actor), directory, state)), nextCursor: page.nextCursor } });
  }));

  router.post('/api/courses/:courseId/threads', validate('body', NewThreadBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const thread = await startThread(ctx, actor, { ...(req.body as ReturnType<typeof NewThreadBody.parse>), courseId: course.id });
    res.status(201).json({ ok: true, data: { thread: presentThread(thread, subjectOf(actor), await loadDirectory(ctx, course, [thread])) } });
  }));

  router.get('/api/courses/:courseId/threads/:threadId', handle(async (req, res) => {
    const { actor, course } = member(res);
    const { thread, replies, directory, state } = await readThread(ctx, actor, course, String(req.params.threadId));
    const viewer = subjectOf(actor);
    res.json({ ok: true, data: { thread: presentThread(thread, viewer, directory, state), replies: presentReplyTree(replies, thread, viewer, directory, state) } });
  }));

  router.post('/api/courses/:courseId/threads/:threadId/replies', validate('body', NewReplyBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const reply = await replyToThread(ctx, actor, { ...(req.body as ReturnType<typeof NewReplyBody.parse>), courseId: course.id, threadId: String(req.params.threadId) });
    const thread = (await ctx.storage.threads.findById(course.id, reply.threadId))!;
    res.status(201).json({ ok: true, data: { reply: presentReply(reply, thread, subjectOf(actor), await loadDirectory(ctx, course, [reply])) } });
  }));

  /** @-mention suggestions: members whose handle or name starts with what was typed. */
  router.get('/api/courses/:courseId/members', handle(async (req, res) => {
    const { course } = member(res);
    const { q } = MembersQuery.parse(req.query);
    const needle = q.trim().toLowerCase().replace(/^@/, '');
    const { names } = await courseMentions(ctx, course);
    const members = [...names]
      .filter(([handle, name]) => !needle || handle.startsWith(needle) || name.toLowerCase().split(/\s+/).some((word) => word.startsWith(needle)))
      .slice(0, 8)
      .map(([handle, name]) => ({ handle, name }));
    res.json({ ok: true, data: { members } });
  }));

  return router;
}
