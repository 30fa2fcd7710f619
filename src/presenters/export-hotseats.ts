import type { ExportedHotseatSource } from '../commands/care/export/course-export';
import type { HotseatFollowUp, HotseatQuestion } from '../domain/hotseat';
import { displayName } from '../domain/person';
import type { Subject } from '../policies/can';
import { presentAuthor } from './authors';
import { ANONYMITY_LABEL } from './export';

/**
 * The course export's hotseats, under the export's rule (presenters/export.ts): every asker shown
 * exactly as staff see them on the hotseat page, so a question anonymous to everyone stays
 * anonymous, and no person id is ever written. Hosts answer under their own names.
 */
export interface ExportedHotseatPost {
  id: string;
  author: { name: string; anonymous: boolean; anonymity: string };
  body: string;
  createdAt: string;
}

export interface ExportedHotseatQuestion extends ExportedHotseatPost {
  status: string;
  hidden: boolean;
  votes: number;
  /** The host's written answer; null when unanswered or answered live (status says which). */
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  editedAt: string | null;
  followUps: ExportedHotseatPost[];
}

export interface ExportedHotseat {
  id: string;
  title: string;
  description: string;
  phase: string;
  opensAt: string;
  startsAt: string;
  endsAt: string;
  hosts: Array<{ name: string; guest: boolean }>;
  questions: ExportedHotseatQuestion[];
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentExportedHotseat(source: ExportedHotseatSource, courseId: string): ExportedHotseat {
  const { hotseat, directory } = source;
  // Staff in general, not the exporting person: their own anonymous questions are exported as others see them.
  const staff: Subject = { personId: '', courseId, role: 'staff' };
  const nameOf = (personId: string) => {
    const person = directory.people.get(personId);
    return person ? displayName(person) : 'Former member';
  };
  const post = (p: HotseatQuestion | HotseatFollowUp): ExportedHotseatPost => {
    const view = presentAuthor(p, staff, directory);
    return { id: p.id, author: { name: view.name, anonymous: view.anonymous, anonymity: ANONYMITY_LABEL[p.anonymity] }, body: p.bodySource, createdAt: p.createdAt.toISOString() };
  };
  return {
    id: hotseat.id, title: hotseat.title, description: hotseat.descriptionSource, phase: source.phase,
    opensAt: hotseat.opensAt.toISOString(), startsAt: hotseat.startsAt.toISOString(), endsAt: hotseat.endsAt.toISOString(),
    hosts: source.hosts.map((host) => ({ name: nameOf(host.personId), guest: host.kind === 'guest' })),
    questions: source.questions.map((q) => ({
      ...post(q), status: q.status, hidden: q.hidden, votes: q.voteCount, answer: q.answerSource,
      answeredBy: q.answeredBy ? nameOf(q.answeredBy) : null, answeredAt: iso(q.answeredAt), editedAt: iso(q.editedAt),
      followUps: source.followUps.filter((f) => f.questionId === q.id).map(post),
    })),
  };
}

export const HOTSEAT_CSV_COLUMNS = [
  'hotseat_id', 'hotseat_title', 'hotseat_starts_at', 'hosts', 'type', 'id', 'question_id', 'author', 'author_anonymous', 'anonymity', 'body',
  'status', 'hidden', 'votes', 'answer', 'answered_by', 'answered_at', 'created_at',
] as const;

/** One row per question, then one per follow-up under it. */
export function hotseatCsvRows(hotseat: ExportedHotseat): Array<Array<string | number | boolean | null>> {
  const head = [hotseat.id, hotseat.title, hotseat.startsAt, hotseat.hosts.map((h) => h.name).join('; ')];
  return hotseat.questions.flatMap((q) => [
    [...head, 'question', q.id, null, q.author.name, q.author.anonymous, q.author.anonymity, q.body, q.status, q.hidden, q.votes, q.answer, q.answeredBy, q.answeredAt, q.createdAt],
    ...q.followUps.map((f) => [...head, 'follow-up', f.id, q.id, f.author.name, f.author.anonymous, f.author.anonymity, f.body, null, null, null, null, null, null, f.createdAt]),
  ]);
}
