import type { Socket } from 'socket.io';
import type { CommandContext } from '../commands/context';
import { resolveHotseatScope } from '../commands/hotseat/access';
import { toggleQuestionVote } from '../commands/hotseat/votes';
import type { SessionScope } from '../domain/launch';
import type { Locale } from '../i18n/locales';
import { ackFailure, invalidInput } from './ack-errors';
import { HotseatRef, HotseatVote, hotseatAudienceRoom, hotseatPersonRoom, hotseatRoom, type HotseatAudience } from './hotseat-protocol';
import type { Watching } from './hotseat-live';
import type { Ack } from './protocol';

interface HotseatSocketData {
  personId: string;
  /** The session's reach (an alumni email-link session opens no course). */
  scope?: SessionScope;
  /** The session's language: acks and live fragments use it. */
  locale: Locale;
  hotseats?: Set<string>;
}

function answer(ack: unknown): Ack<unknown> {
  return typeof ack === 'function' ? (ack as Ack<unknown>) : () => undefined;
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
      if (!input.success) return reply(invalidInput(input.error.issues[0]!, data.locale));
      const scope = await resolveHotseatScope(ctx, data.personId, input.data.courseId, input.data.hotseatId, data.scope);
      const audience: HotseatAudience = scope.actor.subject.role === 'staff' ? 'staff' : scope.actor.subject.role === 'guest' ? 'guest' : 'learner';
      const id = scope.hotseat.id;
      await socket.join([hotseatRoom(id), hotseatAudienceRoom(id, audience, data.locale), hotseatPersonRoom(id, data.personId)]);
      (data.hotseats ??= new Set()).add(id);
      watching.changed(id);
      reply({ ok: true, data: { hotseatId: id, phase: scope.phase, watching: await watching.count(id) } });
    } catch (caught) {
      reply(ackFailure(caught, data.locale));
    }
  });

  socket.on('hotseat:vote', async (payload: unknown, ack: unknown) => {
    const reply = answer(ack);
    try {
      const input = HotseatVote.safeParse(payload);
      if (!input.success) return reply(invalidInput(input.error.issues[0]!, data.locale));
      const scope = await resolveHotseatScope(ctx, data.personId, input.data.courseId, input.data.hotseatId, data.scope);
      reply({ ok: true, data: await toggleQuestionVote(ctx, scope, input.data.questionId) });
    } catch (caught) {
      reply(ackFailure(caught, data.locale));
    }
  });

  socket.on('disconnecting', () => {
    for (const id of data.hotseats ?? []) watching.changed(id);
  });
}
