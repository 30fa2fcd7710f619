import type { Thread, ThreadKind } from '../../domain/discussion';
import { newId } from '../../domain/ids';
import type { Notification } from '../../domain/notifications';
import type { Repositories } from '../../storage/ports';
import { renderMarkdown } from '../markdown';
import { recordInTransaction, searchDocument } from '../discussion/support';

/**
 * A named thread as the room's startThread writes it (thread, author following it, search
 * document, course event, notifications), for the alumni commands that must write it inside a
 * transaction of their own: a prompt claims its occurrence in the same transaction, an "Ask alumni"
 * question records itself with it. Callers check title and body with the room's post rules first.
 */
export function namedThread(input: { courseId: string; authorId: string; kind: ThreadKind; title: string; body: string; now: Date }): Thread {
  const { now } = input;
  return {
    id: newId(now.getTime()), courseId: input.courseId, authorId: input.authorId, kind: input.kind, anonymity: 'named',
    title: input.title, bodySource: input.body, bodyHtml: renderMarkdown(input.body), tagIds: [],
    replyCount: 0, answerCount: 0, voteCount: 0, pinned: false, locked: false, hidden: false,
    acceptedReplyId: null, endorsedAnswerCount: 0, createdAt: now, editedAt: null, deletedAt: null, lastActivityAt: now,
  };
}

export async function writeThread(tx: Repositories, thread: Thread, notices: Notification[], now: Date) {
  await tx.threads.create(thread);
  await tx.follows.follow({ personId: thread.authorId, threadId: thread.id, courseId: thread.courseId, at: now });
  await tx.search.index(searchDocument(thread, { kind: 'thread', id: thread.id, bodyHtml: thread.bodyHtml }));
  return recordInTransaction(tx, { courseId: thread.courseId, threadId: thread.id, actorId: thread.authorId, space: 'discussion', type: 'thread.created' }, notices, now);
}
