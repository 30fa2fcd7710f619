import type { Socket } from 'socket.io';
import type { CommandContext } from '../commands/context';
import { resolveHotseatScope } from '../commands/hotseat/access';
import { toggleQuestionVote } from '../commands/hotseat/votes';
import { isAppError } from '../domain/errors';
import type { SessionScope } from '../domain/launch';
import { isStorageUnavailableError, storageUnavailable } from '../domain/storage-unavailable';
import { HotseatRef, HotseatVote, hotseatAudienceRoom, hotseatPersonRoom, hotseatRoom, type HotseatAudience } from './hotseat-protocol';
import type { Watching } from './hotseat-live';
import type { Ack } from './protocol';

interface HotseatSocketData {
  personId: string;
  /** The session's reach (an alumni email-link session opens no course). */
  scope?: SessionScope;
  hotseats?: Set<string>;
}

function answer(ack: unknown): Ack<unknown> {
  return typeof ack === 'function' ? (ack as Ack<unknown>) : () => undefined;
}

function failure(caught: unknown) {
  const error = isStorageUnavailableError(caught) ? storageUnavailable() : caught;
  return { ok: false as const, error: isAppError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: 'Something went wrong on our side; reload the page.' } };
}

/**
 * The hotseat's socket events. Joining is authorised like the page (course members, or a guest
 * host of this very hotseat); a vote goes through the same command as the HTTP form. A page
 * that reconnects joins again and reloads its lists, so it needs no replay.
 */
export function registerHotseatHandlers(socket: Socket, ctx: CommandContext, watching: Watching): void {
  const data = socket.data as HotseatSocketData;

  socket.on('hotseat:join', async (payload: unknown, ack: unknown) => {
    const reply = answer(ack);
    try {
      const input = HotseatRef.safeParse(payload);
      if (!input.success) return reply({ ok: false, error: { code: 'INVALID_INPUT', message: input.error.issues[0]!.message } });
      const scope = await resolveHotseatScope(ctx, data.personId, input.data.courseId, input.data.hotseatId, data.scope);
      const audience: HotseatAudience = scope.actor.subject.role === 'staff' ? 'staff' : scope.actor.subject.role === 'guest' ? 'guest' : 'learner';
      const id = scope.hotseat.id;
      await socket.join([hotseatRoom(id), hotseatAudienceRoom(id, audience), hotseatPersonRoom(id, data.personId)]);
      (data.hotseats ??= new Set()).add(id);
      watching.changed(id);
      reply({ ok: true, data: { hotseatId: id, phase: scope.phase, watching: await watching.count(id) } });
    } catch (caught) {
      reply(failure(caught));
    }
  });

  socket.on('hotseat:vote', async (payload: unknown, ack: unknown) => {
    const reply = answer(ack);
    try {
      const input = HotseatVote.safeParse(payload);
      if (!input.success) return reply({ ok: false, error: { code: 'INVALID_INPUT', message: input.error.issues[0]!.message } });
      const scope = await resolveHotseatScope(ctx, data.personId, input.data.courseId, input.data.hotseatId, data.scope);
      reply({ ok: true, data: await toggleQuestionVote(ctx, scope, input.data.questionId) });
    } catch (caught) {
      reply(failure(caught));
    }
  });

  socket.on('disconnecting', () => {
    for (const id of data.hotseats ?? []) watching.changed(id);
  });
}
