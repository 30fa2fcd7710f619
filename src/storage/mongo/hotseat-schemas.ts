/**
 * The hotseat's documents (see hotseat-ports.ts and SQLite's migration 020): hotseats, hosts,
 * guest invitations, questions, votes and follow-ups. Same conventions as schemas.ts: domain ids
 * are the `_id`, free text is not `required`, every uniqueness rule is a unique index.
 */
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { ANONYMITY_LEVELS, type Anonymity } from '../../domain/discussion';
import {
  HOTSEAT_PHASES, QUESTION_STATUSES, type Hotseat, type HotseatFollowUp, type HotseatHost, type HotseatQuestion,
} from '../../domain/hotseat';

const options = { versionKey: false } as const;
const id = { type: String, required: true };
const key = { type: String, required: true };
const when = { type: Date, required: true };
const optional = { type: String, default: null };
const optionalDate = { type: Date, default: null };
const count = { type: Number, default: 0 };
const flag = { type: Boolean, default: false };
const anonymity = { type: String, enum: [...ANONYMITY_LEVELS], default: 'named' as Anonymity };

export type HotseatDoc = Omit<Hotseat, 'id'> & { _id: string };
const hotseatSchema = new Schema<HotseatDoc>({
  _id: id, courseId: key, title: String, descriptionSource: String, descriptionHtml: String, createdBy: key,
  publishedAt: optionalDate, opensAt: when, startsAt: when, endsAt: when,
  phase: { type: String, enum: [...HOTSEAT_PHASES], required: true }, premoderation: flag, convertOnClose: flag,
  answeringQuestionId: optional, createdAt: when, updatedAt: when,
}, options);
// listByCourse (the soonest start first).
hotseatSchema.index({ courseId: 1, startsAt: 1, _id: 1 });
// listUnsettled, the scheduler's question: only published hotseats are in this index, and of
// those the query skips the closed ones (SQLite's partial index hotseats_unsettled).
hotseatSchema.index({ phase: 1, _id: 1 }, { partialFilterExpression: { publishedAt: { $type: 'date' } } });

/** One per hotseat and person: the unique index is what makes adding a host twice change nothing. */
export type HotseatHostDoc = HotseatHost & { _id: Types.ObjectId };
const hotseatHostSchema = new Schema<HotseatHostDoc>({
  hotseatId: key, courseId: key, personId: key, kind: { type: String, enum: ['staff', 'guest'], required: true },
  bio: optional, addedAt: when,
}, options);
hotseatHostSchema.index({ hotseatId: 1, personId: 1 }, { unique: true });
// listByHotseat (in the order added) and listByPerson (newest first).
hotseatHostSchema.index({ hotseatId: 1, addedAt: 1, personId: 1 });
hotseatHostSchema.index({ personId: 1, addedAt: -1, hotseatId: 1 });

/** `_id` is the token's hash (the token itself is never stored). */
export interface HotseatInvitationDoc {
  _id: string; hotseatId: string; courseId: string; createdBy: string; createdAt: Date; expiresAt: Date;
  usedAt: Date | null; usedBy: string | null;
}
const hotseatInvitationSchema = new Schema<HotseatInvitationDoc>({
  _id: id, hotseatId: key, courseId: key, createdBy: key, createdAt: when, expiresAt: when,
  usedAt: optionalDate, usedBy: optional,
}, options);

export type HotseatQuestionDoc = Omit<HotseatQuestion, 'id'> & { _id: string };
const hotseatQuestionSchema = new Schema<HotseatQuestionDoc>({
  _id: id, hotseatId: key, courseId: key, authorId: key, anonymity, bodySource: String, bodyHtml: String,
  status: { type: String, enum: [...QUESTION_STATUSES], required: true }, hidden: flag, voteCount: count, voteVersion: count,
  declineReason: optional, mergedIntoId: optional, answerSource: optional, answerHtml: optional, answeredBy: optional,
  answeredAt: optionalDate, convertedThreadId: optional, createdAt: when, editedAt: optionalDate,
}, options);
// listByHotseat (ids are time-ordered) and summary; countByAuthorSince; countByAuthorBetween.
hotseatQuestionSchema.index({ hotseatId: 1, _id: 1 });
hotseatQuestionSchema.index({ hotseatId: 1, authorId: 1, createdAt: 1 });
hotseatQuestionSchema.index({ courseId: 1, authorId: 1, createdAt: 1 });
// Community care: hotseat questions per week (insights) and the answers a person gave as host (their own data).
hotseatQuestionSchema.index({ courseId: 1, createdAt: 1 });
hotseatQuestionSchema.index({ answeredBy: 1 }, { partialFilterExpression: { answeredBy: { $type: 'string' } } });

/** One per question and person: the unique index is what makes a vote count once. */
export interface HotseatVoteDoc {
  _id: Types.ObjectId; questionId: string; personId: string; hotseatId: string; courseId: string; createdAt: Date;
}
const hotseatVoteSchema = new Schema<HotseatVoteDoc>({ questionId: key, personId: key, hotseatId: key, courseId: key, createdAt: when }, options);
hotseatVoteSchema.index({ questionId: 1, personId: 1 }, { unique: true });
// summary's voters (distinct people of one hotseat).
hotseatVoteSchema.index({ hotseatId: 1, personId: 1 });
// Community care: votes per week and active learners (insights); a person's own votes (export, erasure).
hotseatVoteSchema.index({ courseId: 1, createdAt: 1 });
hotseatVoteSchema.index({ personId: 1 });

export type HotseatFollowUpDoc = Omit<HotseatFollowUp, 'id'> & { _id: string };
const hotseatFollowUpSchema = new Schema<HotseatFollowUpDoc>({
  _id: id, questionId: key, hotseatId: key, courseId: key, authorId: key, anonymity, bodySource: String, bodyHtml: String, createdAt: when,
}, options);
// listByHotseat (oldest first: ids are time-ordered) and summary.
hotseatFollowUpSchema.index({ hotseatId: 1, _id: 1 });
// Community care: a person's own follow-ups (export).
hotseatFollowUpSchema.index({ authorId: 1 });

export interface HotseatModels {
  hotseats: Model<HotseatDoc>;
  hotseatHosts: Model<HotseatHostDoc>;
  hotseatInvitations: Model<HotseatInvitationDoc>;
  hotseatQuestions: Model<HotseatQuestionDoc>;
  hotseatVotes: Model<HotseatVoteDoc>;
  hotseatFollowUps: Model<HotseatFollowUpDoc>;
}

/** Compiled on Agora's own connection; explicit collection names, none clashing with ltijs's. */
export function defineHotseatModels(connection: Connection): HotseatModels {
  return {
    hotseats: connection.model('Hotseat', hotseatSchema, 'hotseats'),
    hotseatHosts: connection.model('HotseatHost', hotseatHostSchema, 'hotseat_hosts'),
    hotseatInvitations: connection.model('HotseatInvitation', hotseatInvitationSchema, 'hotseat_invitations'),
    hotseatQuestions: connection.model('HotseatQuestion', hotseatQuestionSchema, 'hotseat_questions'),
    hotseatVotes: connection.model('HotseatVote', hotseatVoteSchema, 'hotseat_votes'),
    hotseatFollowUps: connection.model('HotseatFollowUp', hotseatFollowUpSchema, 'hotseat_follow_ups'),
  };
}
