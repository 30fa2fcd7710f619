import type { Socket } from 'socket.io';
import type { CommandContext } from '../commands/context';
import { replayWasPurged } from '../commands/care/retention';
import { resolveActor } from '../commands/resolve-actor';
import type { SessionScope } from '../domain/launch';
import type { Locale } from '../i18n/locales';
import { ackFailure, invalidInput } from './ack-errors';
import { subjectOf } from '../policies/can';
import { presentPerson } from '../presenters/person';
import { isCommunitySpace } from '../domain/alumni';
import { communityPresence } from '../commands/alumni/presence';
import type { Templates } from '../rendering/templates';
import { toLiveEvent, type LiveEvent } from './live-events';
import type { Presence } from './presence';
import { courseRoom, JoinCourse, MAX_REPLAY, personRoom, roleRoom, type Ack, type PresenceEntry } from './protocol';

export interface SocketData {
  personId: string;
  /** The session's scope (see auth/sessions.ts); absent means 'launch'. */
  scope?: SessionScope;
  /** The session's language (see auth/sessions.ts): acks, replayed events and live fragments use it. */
  locale: Locale;
  presence: Record<string, PresenceEntry>;
}

/**
 * The explicit map of socket events to operations. Each handler validates its payload, authorises
 * through the same commands as HTTP, and answers through its ack.
 */
export function registerHandlers(socket: Socket, ctx: CommandContext, templates: Templates, presence: Presence): void {
  const data = socket.data as SocketData;

  socket.on('course:join', async (payload: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as Ack<unknown>) : () => undefined;
    try {
      const input = JoinCourse.safeParse(payload);
      if (!input.success) {
        reply(invalidInput(input.error.issues[0]!, data.locale));
        return;
      }
      const { actor, course } = await resolveActor(ctx, data.personId, input.data.courseId, data.scope);
      // In an alumni community, only people whose profile is on are shown as here, by their profile name.
      const person = isCommunitySpace(course) ? await communityPresence(ctx, course.id, actor.person.id) : presentPerson(actor.person);
      if (person) data.presence[course.id] = { personId: person.id, name: person.name, nameMessage: person.nameMessage, initials: person.initials, role: actor.membership.role };
      await socket.join([courseRoom(course.id), roleRoom(course.id, actor.membership.role, data.locale), personRoom(course.id, actor.person.id)]);
      presence.changed(course.id);

      const latestSeq = await ctx.storage.events.latestSeq(course.id);
      const replayed: LiveEvent[] = [];
      let resync = false;
      if (input.data.afterSeq !== undefined && input.data.afterSeq < latestSeq) {
        const missed = await ctx.storage.events.listAfter(course.id, input.data.afterSeq, MAX_REPLAY + 1);
        // More than we replay, or events the retention purge already deleted: the client reloads.
        resync = missed.length > MAX_REPLAY || await replayWasPurged(ctx, course.id, input.data.afterSeq);
        if (!resync) {
          // Replayed as this very viewer sees them (own anonymous posts included), in order.
          const viewer = subjectOf(actor);
          for (const event of missed) {
            const live = await toLiveEvent(ctx, templates, event, viewer, data.locale);
            if (live) replayed.push(live);
          }
        }
      }
      const unread = await ctx.storage.notifications.countUnread(actor.person.id, course.id);
      reply({ ok: true, data: { courseId: course.id, latestSeq, replayed, resync, unread, ...(await presence.listForJoin(course.id, data.presence[course.id])) } });
    } catch (caught) {
      reply(ackFailure(caught, data.locale));
    }
  });

  socket.on('disconnecting', () => {
    for (const courseId of Object.keys(data.presence)) presence.changed(courseId);
  });
}
