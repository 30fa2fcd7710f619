import type { PostKind } from '../../domain/discussion';
import type { ReplyChange, ThreadChange } from '../../domain/events';
import { newId } from '../../domain/ids';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { mentionedHandles, renderMarkdown } from '../markdown';
import { checkBody, checkTitle } from './post-rules';
import { checkTags } from './start-thread';
import { announce, courseMentions, findPost, notification, recordInTransaction, searchDocument } from './support';

export interface EditPostInput {
  courseId: string;
  postKind: PostKind;
  postId: string;
  body: string;
  /** Threads only. */
  title?: string;
  tagIds?: string[];
}

/** Authors edit their own posts; the previous version is kept (staff can read it) and the post is marked edited. */
export async function editPost(ctx: CommandContext, actor: Actor, input: EditPostInput): Promise<void> {
  const post = await findPost(ctx, input.courseId, input.postKind, input.postId, actor);
  authorize(actor, 'post.edit', { courseId: input.courseId, authorId: post.authorId, deleted: post.deleted });
  const body = checkBody(input.body, input.postKind);
  const title = input.postKind === 'thread' ? checkTitle(input.title ?? post.thread.title) : null;
  const tagIds = input.postKind === 'thread' && input.tagIds ? await checkTags(ctx, input.courseId, input.tagIds) : undefined;
  const mentions = await courseMentions(ctx, { id: input.courseId }, body);
  const bodyHtml = renderMarkdown(body, { mentions: mentions.names });
  const now = ctx.now();
  const previous = post.reply ?? post.thread;
  // People mentioned for the first time by this edit hear of it, as they would have on a new post.
  const before = new Set(mentionedHandles(previous.bodySource));
  const who = { courseId: input.courseId, threadId: post.thread.id, replyId: post.reply?.id ?? null, actorId: actor.person.id };
  const notices = mentionedHandles(body)
    .filter((handle) => !before.has(handle))
    .map((handle) => mentions.personIds.get(handle))
    .filter((id): id is string => id !== undefined)
    .map((personId) => notification('mention', personId, who, now));

  const recorded = await ctx.storage.transaction(async (tx) => {
    await tx.revisions.add({
      id: newId(now.getTime()), courseId: input.courseId, postKind: input.postKind, postId: input.postId,
      title: input.postKind === 'thread' ? post.thread.title : null, bodySource: previous.bodySource, editorId: actor.person.id, createdAt: now,
    });
    if (input.postKind === 'thread') {
      const thread = await tx.threads.update(input.courseId, input.postId, { title: title!, bodySource: body, bodyHtml, tagIds, editedAt: now });
      await tx.search.index(searchDocument(thread!, { kind: 'thread', id: thread!.id, bodyHtml }));
      return recordInTransaction(tx, { courseId: input.courseId, space: 'discussion', actorId: actor.person.id, type: 'thread.changed', threadId: input.postId, change: 'edited' satisfies ThreadChange }, notices, now);
    }
    await tx.replies.update(input.courseId, input.postId, { bodySource: body, bodyHtml, editedAt: now });
    await tx.search.index(searchDocument(post.thread, { kind: 'reply', id: input.postId, bodyHtml }));
    return recordInTransaction(tx, { courseId: input.courseId, space: 'discussion', actorId: actor.person.id, type: 'reply.changed', threadId: post.thread.id, replyId: input.postId, change: 'edited' satisfies ReplyChange }, notices, now);
  });
  announce(ctx, recorded);
}
