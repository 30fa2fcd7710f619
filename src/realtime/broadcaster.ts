import type { Server } from 'socket.io';
import type { Logger } from 'pino';
import type { CommandContext } from '../commands/context';
import { isHotseatEvent, type StoredDiscussionEvent } from '../domain/events';
import type { Subject } from '../policies/can';
import type { Templates } from '../rendering/templates';
import { broadcastHotseatEvent } from './hotseat-live';
import { RankingCoalescer } from './hotseat-ranking';
import { presentNotificationCount } from './notifications';
import { loadLiveSource, presentLive } from './live-events';
import { personRoom, roleRoom } from './protocol';

/**
 * Bus → rooms. The bus only carries committed events, so a broadcast never announces a write that
 * could still roll back. Each event is presented once per audience (staff, learners, and the
 * post's author, who alone sees that an anonymous post is theirs), and socket.io encodes each
 * once per room. With the Redis adapter, rooms span every process.
 */
export function startBroadcaster(io: Server, ctx: CommandContext, templates: Templates, logger: Logger): () => void {
  const broadcast = async (event: StoredDiscussionEvent) => {
    const source = await loadLiveSource(ctx, event);
    if (!source) return;
    const postAuthorId = source.loaded.reply?.authorId ?? source.loaded.thread.authorId;
    const author = await ctx.storage.memberships.find(event.courseId, postAuthorId);
    const audience = (role: 'staff' | 'learner'): Subject => ({ personId: '', courseId: event.courseId, role });
    const [staff, learners] = await Promise.all([presentLive(templates, source, audience('staff')), presentLive(templates, source, audience('learner'))]);
    const exceptAuthor = author ? personRoom(event.courseId, author.personId) : [];
    io.to(roleRoom(event.courseId, 'staff')).except(exceptAuthor).emit('course:event', staff);
    io.to(roleRoom(event.courseId, 'learner')).except(exceptAuthor).emit('course:event', learners);
    if (author) {
      const own = await presentLive(templates, source, { personId: author.personId, courseId: event.courseId, role: author.role });
      io.to(personRoom(event.courseId, author.personId)).emit('course:event', own);
    }
  };

  const stopEvents = ctx.events.subscribe((event) => {
    if (isHotseatEvent(event)) {
      broadcastHotseatEvent(io, ctx, templates, event)
        .catch((error: unknown) => logger.error({ err: error, seq: event.seq }, 'could not broadcast hotseat event'));
      return;
    }
    broadcast(event).catch((error: unknown) => logger.error({ err: error, seq: event.seq }, 'could not broadcast course event'));
  });
  const ranking = new RankingCoalescer(io, ctx, logger);
  const stopVotes = ctx.events.subscribeHotseatVotes((vote) => ranking.voted(vote.hotseatId, vote.questionId));
  const stopNotifications = ctx.events.subscribeNotifications((notifications) => {
    for (const n of notifications) {
      presentNotificationCount(ctx, n.personId, n.courseId)
        .then((count) => io.to(personRoom(n.courseId, n.personId)).emit('course:notifications', count))
        .catch((error: unknown) => logger.error({ err: error }, 'could not announce a notification'));
    }
  });
  return () => {
    stopEvents();
    stopVotes();
    ranking.stop();
    stopNotifications();
  };
}
