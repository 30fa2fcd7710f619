import type { Server } from 'socket.io';
import type { CommandContext } from '../commands/context';
import type { Logger } from 'pino';
import { toLiveEvent } from './live-events';
import { courseRoom } from './protocol';

/**
 * Bus → rooms. The bus only carries committed events, so a broadcast never announces a write that
 * could still roll back. Each event is presented once and socket.io encodes it once per room.
 * With the Redis adapter, `io.to(room)` reaches the room's sockets on every process.
 */
export function startBroadcaster(io: Server, ctx: CommandContext, logger: Logger): () => void {
  return ctx.events.subscribe((event) => {
    toLiveEvent(ctx, event)
      .then((live) => {
        if (live) io.to(courseRoom(event.courseId)).emit('course:event', live);
      })
      .catch((error: unknown) => logger.error({ err: error, seq: event.seq }, 'could not broadcast course event'));
  });
}
