import type Database from 'better-sqlite3';
import type { Anonymity } from '../../../domain/discussion';
import type { Id } from '../../../domain/ids';
import type { ErasureCounts, PersonalRecords } from '../../care-ports';
import { toDate } from '../rows';

/**
 * A person's records outside the discussion room (the hotseat, the alumni space, participation
 * grades): what personal-data.ts adds to their export and removes when they erase their data.
 */
type AreaRecords = Pick<PersonalRecords,
  'hotseatQuestions' | 'hotseatFollowUps' | 'hotseatVotes' | 'hotseatAnswers' | 'hotseatHosting' | 'alumni' | 'alumniProfiles' | 'gradePushes'>;

const maybeDate = (millis: number | null): Date | null => (millis === null ? null : toDate(millis));

export function collectAreaRecords(db: Database.Database, personId: Id): AreaRecords {
  const all = <T>(sql: string) => db.prepare<[string], T>(sql).all(personId);
  return {
    hotseatQuestions: all<{ course_id: string; hotseat_id: string; id: string; body_source: string; anonymity: Anonymity; status: string; hidden: number; answer_source: string | null; created_at: number; edited_at: number | null }>(
      'SELECT course_id, hotseat_id, id, body_source, anonymity, status, hidden, answer_source, created_at, edited_at FROM hotseat_questions WHERE author_id = ? ORDER BY created_at, id')
      .map((row) => ({
        courseId: row.course_id, hotseatId: row.hotseat_id, id: row.id, bodySource: row.body_source, anonymity: row.anonymity, status: row.status,
        hidden: row.hidden === 1, answerSource: row.answer_source, createdAt: toDate(row.created_at), editedAt: maybeDate(row.edited_at),
      })),
    hotseatFollowUps: all<{ course_id: string; hotseat_id: string; question_id: string; id: string; body_source: string; anonymity: Anonymity; created_at: number }>(
      'SELECT course_id, hotseat_id, question_id, id, body_source, anonymity, created_at FROM hotseat_follow_ups WHERE author_id = ? ORDER BY created_at, id')
      .map((row) => ({
        courseId: row.course_id, hotseatId: row.hotseat_id, questionId: row.question_id, id: row.id, bodySource: row.body_source,
        anonymity: row.anonymity, createdAt: toDate(row.created_at),
      })),
    hotseatVotes: all<{ course_id: string; hotseat_id: string; question_id: string; created_at: number }>(
      'SELECT course_id, hotseat_id, question_id, created_at FROM hotseat_votes WHERE person_id = ? ORDER BY created_at, question_id')
      .map((row) => ({ courseId: row.course_id, hotseatId: row.hotseat_id, questionId: row.question_id, createdAt: toDate(row.created_at) })),
    hotseatAnswers: all<{ course_id: string; hotseat_id: string; id: string; answer_source: string | null; answered_at: number }>(
      'SELECT course_id, hotseat_id, id, answer_source, answered_at FROM hotseat_questions WHERE answered_by = ? ORDER BY answered_at, id')
      .map((row) => ({ courseId: row.course_id, hotseatId: row.hotseat_id, questionId: row.id, answerSource: row.answer_source, answeredAt: toDate(row.answered_at) })),
    hotseatHosting: all<{ course_id: string; hotseat_id: string; kind: 'staff' | 'guest'; bio: string | null; added_at: number }>(
      'SELECT course_id, hotseat_id, kind, bio, added_at FROM hotseat_hosts WHERE person_id = ? ORDER BY added_at, hotseat_id')
      .map((row) => ({ courseId: row.course_id, hotseatId: row.hotseat_id, kind: row.kind, bio: row.bio, addedAt: toDate(row.added_at) })),
    alumni: all<{ community_id: string; course_id: string; cohort_label: string; graduated_at: number }>(
      'SELECT community_id, course_id, cohort_label, graduated_at FROM alumni WHERE person_id = ? ORDER BY graduated_at, course_id')
      .map((row) => ({ communityId: row.community_id, courseId: row.course_id, cohortLabel: row.cohort_label, graduatedAt: toDate(row.graduated_at) })),
    alumniProfiles: all<{ community_id: string; visible: number; display_name: string; bio: string; tags: string; happy_to_be_asked: number; updated_at: number }>(
      'SELECT community_id, visible, display_name, bio, tags, happy_to_be_asked, updated_at FROM alumni_profiles WHERE person_id = ? ORDER BY community_id')
      .map((row) => ({
        communityId: row.community_id, visible: row.visible === 1, displayName: row.display_name, bio: row.bio, tags: JSON.parse(row.tags) as string[],
        happyToBeAsked: row.happy_to_be_asked === 1, updatedAt: toDate(row.updated_at),
      })),
    gradePushes: all<{ course_id: string; score_given: number; score_maximum: number; pushed_at: number }>(
      'SELECT course_id, score_given, score_maximum, pushed_at FROM participation_scores WHERE person_id = ? ORDER BY course_id')
      .map((row) => ({ courseId: row.course_id, scoreGiven: row.score_given, scoreMaximum: row.score_maximum, pushedAt: toDate(row.pushed_at) })),
  };
}

/** Runs inside personal-data.ts's erase transaction. */
export function eraseAreaRecords(db: Database.Database, personId: Id): Pick<ErasureCounts, 'hotseatVotes' | 'hostBios' | 'alumniProfiles' | 'mentors' | 'gradePushes'> {
  const remove = (table: string) => db.prepare(`DELETE FROM ${table} WHERE person_id = ?`).run(personId).changes;
  return {
    // The questions keep their vote counts, as posts do.
    hotseatVotes: remove('hotseat_votes'),
    // A host stays a host (their answers stay theirs, shown as by "Former member"); what they wrote about themselves goes.
    hostBios: db.prepare('UPDATE hotseat_hosts SET bio = NULL WHERE person_id = ? AND bio IS NOT NULL').run(personId).changes,
    alumniProfiles: remove('alumni_profiles'),
    mentors: remove('alumni_mentors'),
    gradePushes: remove('participation_scores'),
  };
}
