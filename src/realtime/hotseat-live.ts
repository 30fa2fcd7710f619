import type { Server } from 'socket.io';
import type { CommandContext } from '../commands/context';
import { loadDirectory } from '../commands/discussion/directory';
import { visibleQuestions } from '../commands/hotseat/read';
import type { StoredHotseatEvent } from '../domain/events';
import { phaseAt, type HotseatQuestion } from '../domain/hotseat';
import type { HotseatSubject } from '../policies/hotseat';
import { hotseatUrl, PHASE_LABELS, presentQuestion } from '../presenters/hotseat';
import type { Templates } from '../rendering/templates';
import { resolveLocale, type Locale } from '../i18n/locales';
import { localesListening } from './locales';
import { hotseatAudienceRoom, hotseatPersonRoom, hotseatRoom, WATCHING_INTERVAL_MS, type HotseatAudience } from './hotseat-protocol';

/** Which list of the page a question belongs in, for a viewer; null when they no longer see it. */
export type QuestionList = 'pending' | 'open' | 'answered' | 'dismissed' | 'other';

export interface HotseatQuestionEvent {
  seq: number;
  hotseatId: string;
  questionId: string;
  change: string;
  removed: boolean;
  list: QuestionList | null;
  html: string | null;
  voteCount: number;
  voteVersion: number;
}

export interface HotseatChangeEvent {
  seq: number;
  hotseatId: string;
  change: string;
  phase: string;
  phaseLabel: string;
  answeringId: string | null;
  answeringHtml: string | null;
}

const AUDIENCES: Record<HotseatAudience, HotseatSubject> = {
  staff: { personId: '', role: 'staff', isHost: false },
  guest: { personId: '', role: 'guest', isHost: true },
  learner: { personId: '', role: 'learner', isHost: false },
};

function listOf(question: HotseatQuestion): QuestionList {
  if (question.status === 'pending' || question.status === 'open' || question.status === 'answered' || question.status === 'dismissed') return question.status;
  return 'other';
}

/**
 * Hotseat events → the hotseat's rooms. Each question change is presented once per audience
 * (staff, guest hosts, learners) and once for its asker, who alone learns that an anonymous
 * question is theirs; a viewer who may not see the question (pending, hidden, declined) gets
 * a removal and nothing else.
 */
export async function broadcastHotseatEvent(io: Server, ctx: CommandContext, templates: Templates, event: StoredHotseatEvent): Promise<void> {
  const hotseat = await ctx.storage.hotseats.findById(event.courseId, event.hotseatId);
  if (!hotseat) return;
  const phase = phaseAt(hotseat, ctx.now());
  if (event.type === 'hotseat.changed') {
    const answering = hotseat.answeringQuestionId ? await ctx.storage.hotseatQuestions.findById(hotseat.courseId, hotseat.answeringQuestionId) : null;
    const payload: HotseatChangeEvent = {
      seq: event.seq, hotseatId: hotseat.id, change: event.change, phase, phaseLabel: PHASE_LABELS[phase],
      answeringId: answering?.id ?? null, answeringHtml: answering && !answering.hidden ? answering.bodyHtml : null,
    };
    io.to(hotseatRoom(hotseat.id)).emit('hotseat:changed', payload);
    return;
  }

  const question = await ctx.storage.hotseatQuestions.findById(event.courseId, event.questionId);
  if (!question) return;
  const [followUps, hosts] = await Promise.all([ctx.storage.hotseatFollowUps.listByHotseat(hotseat.id), ctx.storage.hotseatHosts.listByHotseat(hotseat.id)]);
  const own = followUps.filter((f) => f.questionId === question.id);
  // Whether a viewer votes for it is theirs alone: fragments say "not voted" and the page keeps its own state.
  const votes = new Set<string>();
  const directory = await loadDirectory(ctx, { id: hotseat.courseId }, [question, ...own], [...hosts.map((h) => h.personId), ...(question.answeredBy ? [question.answeredBy] : [])]);
  const root = { hotseat: { url: hotseatUrl(hotseat.courseId, hotseat.id) }, csrfToken: '' };

  const present = async (viewer: HotseatSubject, locale: Locale): Promise<HotseatQuestionEvent> => {
    const base = { seq: event.seq, hotseatId: hotseat.id, questionId: question.id, change: event.type === 'question.changed' ? event.change : 'created', voteCount: question.voteCount, voteVersion: question.voteVersion };
    const visible = visibleQuestions([question], viewer, phase).length === 1;
    // No list on the page shows a merged, declined or withdrawn question: it leaves, and its text
    // goes nowhere (a waiting question merged away was never approved for classmates to read).
    if (!visible || listOf(question) === 'other') return { ...base, removed: true, list: null, html: null };
    const view = presentQuestion(question, { hotseat, phase, viewer, directory, votedIds: votes, followUps: own });
    return { ...base, removed: false, list: listOf(question), html: await templates.renderPartial('hotseat-question', { ...view, ...root, locale }) };
  };

  const asker = await ctx.storage.memberships.find(hotseat.courseId, question.authorId);
  const exceptAsker = hotseatPersonRoom(hotseat.id, question.authorId);
  for (const audience of Object.keys(AUDIENCES) as HotseatAudience[]) {
    // Per audience and language: English always, another language only while someone reads in it.
    for (const locale of localesListening(io, (language) => hotseatAudienceRoom(hotseat.id, audience, language))) {
      io.to(hotseatAudienceRoom(hotseat.id, audience, locale)).except(exceptAsker).emit('hotseat:question', await present(AUDIENCES[audience], locale));
    }
  }
  const askerHost = hosts.some((h) => h.personId === question.authorId);
  const askerRole = asker?.role ?? 'learner';
  const askerLocale = resolveLocale(directory.people.get(question.authorId)?.locale);
  io.to(exceptAsker).emit('hotseat:question', await present({ personId: question.authorId, role: askerRole, isHost: askerHost }, askerLocale));
}

/** "N watching", per hotseat, from the sockets in its room on every process, sent at most every WATCHING_INTERVAL_MS. */
export class Watching {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly io: Server) {}

  async count(hotseatId: string): Promise<number> {
    const sockets = await this.io.in(hotseatRoom(hotseatId)).fetchSockets();
    return new Set(sockets.map((s) => (s.data as { personId?: string }).personId)).size;
  }

  changed(hotseatId: string): void {
    if (this.pending.has(hotseatId)) return;
    this.pending.set(hotseatId, setTimeout(() => {
      this.pending.delete(hotseatId);
      this.count(hotseatId)
        .then((watching) => this.io.to(hotseatRoom(hotseatId)).emit('hotseat:watching', { hotseatId, watching }))
        .catch(() => undefined);
    }, WATCHING_INTERVAL_MS));
  }

  stop(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
