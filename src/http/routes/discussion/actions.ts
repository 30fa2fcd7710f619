import { Router, type Request } from 'express';
import type { CommandContext } from '../../../commands/context';
import { setAcceptedAnswer, setEndorsement } from '../../../commands/discussion/answers';
import { deletePost } from '../../../commands/discussion/delete-post';
import { loadDirectory } from '../../../commands/discussion/directory';
import { editPost } from '../../../commands/discussion/edit-post';
import { setFollowing } from '../../../commands/discussion/follow';
import { dismissReports, moderateThread, reportPost, setReplyHidden } from '../../../commands/discussion/moderation';
import { markNotificationsRead } from '../../../commands/discussion/read';
import { replyToThread } from '../../../commands/discussion/reply';
import { acceptPolicy, createTag, deleteTag, updateSettings } from '../../../commands/discussion/settings';
import { startThread } from '../../../commands/discussion/start-thread';
import { toggleVote } from '../../../commands/discussion/votes';
import type { PostKind } from '../../../domain/discussion';
import { notFound } from '../../../domain/errors';
import { subjectOf } from '../../../policies/can';
import { presentReply, presentThread, threadUrl } from '../../../presenters/discussion';
import { handle } from '../../async-handler';
import { orReshow } from '../../form-reshow';
import { member } from '../../middleware/course-member';
import { validate } from '../../middleware/validate';
import { renderRoom, renderThread } from './pages';
import { respond } from './respond';
import {
  AcceptBody, DismissBody, EditPostBody, EndorseBody, FollowBody, HideBody, ModerateBody, NewReplyBody, NewThreadBody,
  PostParams, ReadNotificationsBody, ReportBody, SettingsBody, TagBody,
} from './schema';

/**
 * Every change to the room, as a form post (answered with a redirect) or JSON (answered with
 * JSON). Each validates its input, calls one command and says where to go next.
 */
export function discussionActions(ctx: CommandContext): Router {
  const router = Router();
  const post = (req: Request) => {
    const params = PostParams.safeParse(req.params);
    if (!params.success) throw notFound('POST_NOT_FOUND', 'errors.postNotFound');
    return params.data;
  };
  const room = (courseId: string) => `/c/${courseId}/discussion`;
  const postUrl = (courseId: string, threadId: string, postKind: PostKind, postId: string) =>
    postKind === 'thread' ? threadUrl(courseId, threadId) : `${threadUrl(courseId, threadId)}#reply-${postId}`;
  const threadIdOf = async (courseId: string, postKind: PostKind, postId: string) =>
    postKind === 'thread' ? postId : (await ctx.storage.replies.findById(courseId, postId))?.threadId ?? postId;


  router.post('/c/:courseId/discussion/threads', validate('body', NewThreadBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const input = req.body as ReturnType<typeof NewThreadBody.parse>;
    await orReshow(req, res, async () => {
      const thread = await startThread(ctx, actor, { ...input, courseId: course.id });
      respond(req, res, { redirect: threadUrl(course.id, thread.id), status: 201, data: { thread: presentThread(thread, subjectOf(actor), await directoryFor(ctx, course.id, thread)) } });
    }, (form) => renderRoom(ctx, req, res, form), input);
  }));

  router.post('/c/:courseId/discussion/threads/:threadId/replies', validate('body', NewReplyBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const input = req.body as ReturnType<typeof NewReplyBody.parse>;
    await orReshow(req, res, async () => {
      const reply = await replyToThread(ctx, actor, { ...input, courseId: course.id, threadId: String(req.params.threadId) });
      const thread = (await ctx.storage.threads.findById(course.id, reply.threadId))!;
      respond(req, res, { redirect: postUrl(course.id, reply.threadId, 'reply', reply.id), status: 201, data: { reply: presentReply(reply, thread, subjectOf(actor), await directoryFor(ctx, course.id, reply)) } });
    }, (form) => renderThread(ctx, req, res, form), input, input.parentId ?? 'thread');
  }));

  router.post('/c/:courseId/discussion/posts/:postKind/:postId/edit', validate('body', EditPostBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const { postKind, postId } = post(req);
    const input = req.body as ReturnType<typeof EditPostBody.parse>;
    await editPost(ctx, actor, { courseId: course.id, postKind, postId, body: input.body, title: input.title, tagIds: postKind === 'thread' ? input.tagIds : undefined });
    respond(req, res, { redirect: postUrl(course.id, await threadIdOf(course.id, postKind, postId), postKind, postId) });
  }));

  router.post('/c/:courseId/discussion/posts/:postKind/:postId/delete', handle(async (req, res) => {
    const { actor, course } = member(res);
    const { postKind, postId } = post(req);
    const threadId = await threadIdOf(course.id, postKind, postId);
    await deletePost(ctx, actor, { courseId: course.id, postKind, postId });
    respond(req, res, { redirect: postKind === 'thread' ? room(course.id) : postUrl(course.id, threadId, postKind, postId) });
  }));

  router.post('/c/:courseId/discussion/posts/:postKind/:postId/vote', handle(async (req, res) => {
    const { actor, course } = member(res);
    const { postKind, postId } = post(req);
    const result = await toggleVote(ctx, actor, { courseId: course.id, postKind, postId });
    respond(req, res, { redirect: postUrl(course.id, await threadIdOf(course.id, postKind, postId), postKind, postId), data: result });
  }));

  router.post('/c/:courseId/discussion/posts/:postKind/:postId/report', validate('body', ReportBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const { postKind, postId } = post(req);
    await reportPost(ctx, actor, { courseId: course.id, postKind, postId, reason: (req.body as { reason: string }).reason });
    respond(req, res, { redirect: `${postUrl(course.id, await threadIdOf(course.id, postKind, postId), postKind, postId)}`, data: { reported: true } });
  }));

  router.post('/c/:courseId/discussion/posts/:postKind/:postId/hide', validate('body', HideBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const { postKind, postId } = post(req);
    const { hidden } = req.body as { hidden: boolean };
    const threadId = await threadIdOf(course.id, postKind, postId);
    if (postKind === 'thread') await moderateThread(ctx, actor, { courseId: course.id, threadId: postId, hidden });
    else await setReplyHidden(ctx, actor, { courseId: course.id, replyId: postId, hidden });
    respond(req, res, { redirect: postUrl(course.id, threadId, postKind, postId), data: { hidden } });
  }));

  router.post('/c/:courseId/discussion/replies/:postId/endorse', validate('body', EndorseBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const replyId = String(req.params.postId);
    const { endorsed } = req.body as { endorsed: boolean };
    await setEndorsement(ctx, actor, { courseId: course.id, replyId, endorsed });
    respond(req, res, { redirect: postUrl(course.id, await threadIdOf(course.id, 'reply', replyId), 'reply', replyId), data: { endorsed } });
  }));

  router.post('/c/:courseId/discussion/threads/:threadId/accept', validate('body', AcceptBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const threadId = String(req.params.threadId);
    const { replyId } = req.body as { replyId?: string };
    await setAcceptedAnswer(ctx, actor, { courseId: course.id, threadId, replyId: replyId ?? null });
    respond(req, res, { redirect: replyId ? postUrl(course.id, threadId, 'reply', replyId) : threadUrl(course.id, threadId), data: { acceptedReplyId: replyId ?? null } });
  }));

  router.post('/c/:courseId/discussion/threads/:threadId/moderate', validate('body', ModerateBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const threadId = String(req.params.threadId);
    const { pinned, locked } = req.body as { pinned?: boolean; locked?: boolean };
    await moderateThread(ctx, actor, { courseId: course.id, threadId, pinned, locked });
    respond(req, res, { redirect: threadUrl(course.id, threadId), data: { pinned, locked } });
  }));

  router.post('/c/:courseId/discussion/threads/:threadId/follow', validate('body', FollowBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const threadId = String(req.params.threadId);
    const following = await setFollowing(ctx, actor, { courseId: course.id, threadId, following: (req.body as { following: boolean }).following });
    respond(req, res, { redirect: threadUrl(course.id, threadId), data: { following } });
  }));

  router.post('/c/:courseId/discussion/moderation/dismiss', validate('body', DismissBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const { postKind, postId } = req.body as { postKind: PostKind; postId: string };
    const dismissed = await dismissReports(ctx, actor, { courseId: course.id, postKind, postId });
    respond(req, res, { redirect: `${room(course.id)}/moderation`, data: { dismissed } });
  }));

  router.post('/c/:courseId/discussion/settings', validate('body', SettingsBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const input = req.body as ReturnType<typeof SettingsBody.parse>;
    const settings = await updateSettings(ctx, actor, { courseId: course.id, anonymity: input.anonymity, postingPolicy: input.postingPolicy });
    respond(req, res, { redirect: `${room(course.id)}/settings`, data: { settings } });
  }));

  router.post('/c/:courseId/discussion/tags', validate('body', TagBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const tag = await createTag(ctx, actor, { courseId: course.id, name: (req.body as { name: string }).name });
    respond(req, res, { redirect: `${room(course.id)}/settings`, status: 201, data: { tag: { id: tag.id, name: tag.name } } });
  }));

  router.post('/c/:courseId/discussion/tags/:tagId/delete', handle(async (req, res) => {
    const { actor, course } = member(res);
    await deleteTag(ctx, actor, { courseId: course.id, tagId: String(req.params.tagId) });
    respond(req, res, { redirect: `${room(course.id)}/settings` });
  }));

  router.post('/c/:courseId/discussion/policy/accept', handle(async (req, res) => {
    const { actor, course } = member(res);
    await acceptPolicy(ctx, actor, { courseId: course.id });
    respond(req, res, { redirect: room(course.id), data: { accepted: true } });
  }));

  router.post('/c/:courseId/notifications/read', validate('body', ReadNotificationsBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const { ids } = req.body as { ids: string[] };
    const marked = await markNotificationsRead(ctx, actor, course, ids.length > 0 ? ids : undefined);
    respond(req, res, { redirect: `/c/${course.id}/notifications`, data: { marked } });
  }));

  return router;
}

function directoryFor(ctx: CommandContext, courseId: string, post: { authorId: string }) {
  return loadDirectory(ctx, { id: courseId }, [post]);
}
