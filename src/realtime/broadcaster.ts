import type { Server } from 'socket.io';
import type { Logger } from 'pino';
import type { CommandContext } from '../commands/context';
import { isHotseatEvent, type StoredDiscussionEvent } from '../domain/events';
import type { Membership } from '../domain/membership';
import type { Subject } from '../policies/can';
import type { Templates } from '../rendering/templates';
import { broadcastHotseatEvent } from './hotseat-live';
import { RankingCoalescer } from './hotseat-ranking';
import { presentNotificationCount } from './notifications';
import { loadLiveSource, presentLive, sharedFragments } from './live-events';
import { personRoom, roleRoom } from './protocol';
import { LiveBatcher } from './live-batch';
import { localesListening } from './locales';
import { DEFAULT_LOCALE, resolveLocale, type Locale } from '../i18n/locales';

/** One version of a course event: the rooms it goes to (less some), and the viewer it is presented as, in which language. */
export interface LiveVariant {
  to: string;
  except: string[];
  viewer: Subject;
  locale: Locale;
}

/**
 * The versions of one course event: one per kind of viewer (staff, learners), and one for the post's
 * author, who alone sees that an anonymous post is theirs, so the author's own room is left out of the
 * others. Another dimension of what a viewer sees (their language, say) adds rows here, not code below.
 */
export function liveVariants(
  courseId: string,
  author: (Pick<Membership, 'personId' | 'role'> & { locale: Locale }) | null,
  languages: (room: (locale: Locale) => string) => readonly Locale[] = () => [DEFAULT_LOCALE],
): LiveVariant[] {
  const authorRoom = author ? [personRoom(courseId, author.personId)] : [];
  const audience = (role: 'staff' | 'learner') => languages((locale) => roleRoom(courseId, role, locale))
    .map((locale): LiveVariant => ({ to: roleRoom(courseId, role, locale), except: authorRoom, viewer: { personId: '', courseId, role }, locale }));
  const variants = [...audience('staff'), ...audience('learner')];
  // The author's own sockets get their version in the language of their latest launch.
  if (author) variants.push({ to: authorRoom[0]!, except: [], viewer: { personId: author.personId, courseId, role: author.role }, locale: author.locale });
  return variants;
}

/**
 * Bus → rooms. The bus only carries committed events, so a broadcast never announces a write that
 * could still roll back. The event is loaded once, presented once per variant (fragments that come out
 * the same for two variants are rendered once), and socket.io encodes each variant once for its room;
 * under load, events ready together leave together, one frame per socket (live-batch.ts).
 * With the Redis adapter, rooms span every process.
 */
export function startBroadcaster(io: Server, ctx: CommandContext, templates: Templates, logger: Logger): () => void {
  const batcher = new LiveBatcher(io);
  const broadcast = async (event: StoredDiscussionEvent) => {
    const source = await loadLiveSource(ctx, event);
    if (!source) return;
    const postAuthorId = source.loaded.reply?.authorId ?? source.loaded.thread.authorId;
    const author = await ctx.storage.memberships.find(event.courseId, postAuthorId);
    const authorLocale = resolveLocale(source.loaded.directory.people.get(postAuthorId)?.locale);
    const variants = liveVariants(event.courseId, author && { ...author, locale: authorLocale }, (room) => localesListening(io, room));
    const render = sharedFragments(templates);
    const payloads = await Promise.all(variants.map((variant) => presentLive(templates, source, variant.viewer, render, variant.locale)));
    // liveVariants puts the author's own version last, when there is an author.
    const peers = new Map(variants.slice(0, author ? -1 : undefined).map((variant, i) => [variant.to, payloads[i]!]));
    batcher.add({
      seq: event.seq,
      courseId: event.courseId,
      peers,
      author: author && { room: variants.at(-1)!.to, audience: roleRoom(event.courseId, author.role, authorLocale), own: payloads.at(-1)! },
    });
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
    batcher.flush();
    stopVotes();
    ranking.stop();
    stopNotifications();
  };
}
