import type { Course } from '../../domain/course';
import { phaseAt, type Hotseat, type HotseatFollowUp, type HotseatHost, type HotseatPhase, type HotseatQuestion, type HotseatSummary } from '../../domain/hotseat';
import type { Actor } from '../../policies/can';
import { canInHotseat, type HotseatSubject } from '../../policies/hotseat';
import type { CommandContext } from '../context';
import { loadDirectory, type Directory } from '../discussion/directory';
import type { HotseatScope } from './access';

/** Everything a hotseat page (or a live snapshot) shows, before presenters decide who sees what. */
export interface HotseatPageData {
  hotseat: Hotseat;
  phase: HotseatPhase;
  hosts: HotseatHost[];
  questions: HotseatQuestion[];
  followUps: HotseatFollowUp[];
  /** Questions this viewer votes for. */
  votedIds: Set<string>;
  directory: Directory;
  summary: HotseatSummary | null;
}

/** Questions a viewer may see at all: hosts and staff see everything but withdrawn ones; others what is public, and their own. */
export function visibleQuestions(questions: readonly HotseatQuestion[], viewer: HotseatSubject, phase: HotseatPhase): HotseatQuestion[] {
  const runsIt = canInHotseat(viewer, 'question.seePending', { phase });
  const me = viewer.personId;
  return questions.filter((q) => {
    if (q.status === 'withdrawn') return false;
    if (me !== '' && q.authorId === me) return true;
    if (runsIt) return true;
    return !q.hidden && q.status !== 'pending' && q.status !== 'declined';
  });
}

export async function loadHotseatPage(ctx: CommandContext, scope: HotseatScope): Promise<HotseatPageData> {
  const { hotseat, course, phase } = scope;
  const [hosts, all, followUps] = await Promise.all([
    ctx.storage.hotseatHosts.listByHotseat(hotseat.id),
    ctx.storage.hotseatQuestions.listByHotseat(hotseat.id),
    ctx.storage.hotseatFollowUps.listByHotseat(hotseat.id),
  ]);
  const questions = visibleQuestions(all, scope.actor.subject, phase);
  const shown = new Set(questions.map((q) => q.id));
  const visibleFollowUps = followUps.filter((f) => shown.has(f.questionId));
  const [votedIds, summary] = await Promise.all([
    ctx.storage.hotseatVotes.votedBy(scope.actor.person.id, questions.map((q) => q.id)),
    phase === 'closed' ? ctx.storage.hotseatQuestions.summary(hotseat.id) : Promise.resolve(null),
  ]);
  const extraPeople = [...hosts.map((h) => h.personId), ...questions.map((q) => q.answeredBy).filter((id): id is string => id !== null)];
  const directory = await loadDirectory(ctx, course, [...questions, ...visibleFollowUps], extraPeople);
  return { hotseat, phase, hosts, questions, followUps: visibleFollowUps, votedIds, directory, summary };
}

export interface HotseatListEntry {
  hotseat: Hotseat;
  phase: HotseatPhase;
  questionCount: number;
}

/** The course's hotseats this member may see (drafts for staff only), each with its phase now. */
export async function listHotseats(ctx: CommandContext, actor: Actor, course: Course): Promise<HotseatListEntry[]> {
  const now = ctx.now();
  const subject = { personId: actor.person.id, role: actor.membership.role, isHost: false } as const;
  const hotseats = (await ctx.storage.hotseats.listByCourse(course.id))
    .map((hotseat) => ({ hotseat, phase: phaseAt(hotseat, now) }))
    .filter(({ phase }) => canInHotseat(subject, 'hotseat.view', { phase }));
  const entries: HotseatListEntry[] = [];
  for (const { hotseat, phase } of hotseats) {
    const summary = phase === 'draft' ? null : await ctx.storage.hotseatQuestions.summary(hotseat.id);
    entries.push({ hotseat, phase, questionCount: summary?.questions ?? 0 });
  }
  return entries;
}
