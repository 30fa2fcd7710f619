/**
 * Participation grades' documents (see grades-ports.ts): each course's rubric with the state of
 * sending its scores, and the score last sent for each learner. Same conventions as schemas.ts.
 */
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { LineItemSource } from '../grades-ports';

const options = { versionKey: false } as const;
const key = { type: String, required: true };
const when = { type: Date, required: true };
const amount = { type: Number, required: true };
const optionalText = { type: String, default: null };
const optionalDate = { type: Date, default: null };

/** `_id` is the course id. */
export interface ParticipationGradingDoc {
  _id: string; enabled: boolean;
  pointsPerThread: number; pointsPerReply: number; pointsPerEndorsedAnswer: number; pointsPerHotseatQuestion: number;
  weeklyCap: number; scoreMaximum: number; label: string; updatedAt: Date | null; updatedBy: string | null;
  lineItemUrl: string | null; lineItemSource: LineItemSource | null; launchLineItemUrl: string | null;
  seenSeq: number; requestedAt: Date | null; lastAttemptAt: Date | null; lastSuccessAt: Date | null;
  lastPushedCount: number | null; lastError: string | null; lastErrorAt: Date | null;
  failedAttempts: number; nextAttemptAt: Date | null; claimedUntil: Date | null;
}
const participationGradingSchema = new Schema<ParticipationGradingDoc>({
  _id: key, enabled: { type: Boolean, default: false },
  pointsPerThread: amount, pointsPerReply: amount, pointsPerEndorsedAnswer: amount, pointsPerHotseatQuestion: amount,
  weeklyCap: amount, scoreMaximum: amount, label: { type: String, required: true }, updatedAt: optionalDate, updatedBy: optionalText,
  lineItemUrl: optionalText, lineItemSource: { type: String, enum: ['launch', 'found', 'created'], default: null }, launchLineItemUrl: optionalText,
  seenSeq: { type: Number, default: 0 }, requestedAt: optionalDate, lastAttemptAt: optionalDate, lastSuccessAt: optionalDate,
  lastPushedCount: { type: Number, default: null }, lastError: optionalText, lastErrorAt: optionalDate,
  failedAttempts: { type: Number, default: 0 }, nextAttemptAt: optionalDate, claimedUntil: optionalDate,
}, options);
// Serves listPushCandidates (courses with grading on, in id order).
participationGradingSchema.index({ enabled: 1, _id: 1 });

/** One per learner and course: the unique index keeps it so under concurrent pushes. */
export interface ParticipationScoreDoc {
  _id: Types.ObjectId; courseId: string; personId: string; scoreGiven: number; scoreMaximum: number; pushedAt: Date;
}
const participationScoreSchema = new Schema<ParticipationScoreDoc>({
  courseId: key, personId: key, scoreGiven: amount, scoreMaximum: amount, pushedAt: when,
}, options);
participationScoreSchema.index({ courseId: 1, personId: 1 }, { unique: true });
// Community care: a person's own scores (export, erasure).
participationScoreSchema.index({ personId: 1 });

export interface GradeModels {
  participationGrading: Model<ParticipationGradingDoc>;
  participationScores: Model<ParticipationScoreDoc>;
}

/** Compiled on Agora's own connection, like schemas.ts. */
export function defineGradeModels(connection: Connection): GradeModels {
  return {
    participationGrading: connection.model('ParticipationGrading', participationGradingSchema, 'participation_grading'),
    participationScores: connection.model('ParticipationScore', participationScoreSchema, 'participation_scores'),
  };
}
