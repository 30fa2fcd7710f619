/**
 * The community-care documents (see care-ports.ts): care settings, question routings, champions
 * and what the retention purge removed. Same conventions as schemas.ts. The indexes these
 * features read through on the discussion collections (threads, replies, votes, course events)
 * are declared with those collections in schemas.ts.
 */
import { Schema, type Connection, type Model, type Types } from 'mongoose';

const options = { versionKey: false } as const;
const key = { type: String, required: true };
const when = { type: Date, required: true };
const number = { type: Number, required: true };

/** `_id` is the course id. */
export interface CareSettingsDoc { _id: string; answerTargetHours: number; quietDays: number; retentionDays: number; updatedAt: Date }
const careSettingsSchema = new Schema<CareSettingsDoc>({
  _id: key, answerTargetHours: number, quietDays: number, retentionDays: number, updatedAt: when,
}, options);

/** One per question and person: the unique index refuses routing the same question to someone twice. */
export interface QuestionRoutingDoc { _id: Types.ObjectId; courseId: string; threadId: string; personId: string; routedBy: string; routedAt: Date }
const questionRoutingSchema = new Schema<QuestionRoutingDoc>({
  courseId: key, threadId: key, personId: key, routedBy: key, routedAt: when,
}, options);
questionRoutingSchema.index({ threadId: 1, personId: 1 }, { unique: true });
questionRoutingSchema.index({ courseId: 1, threadId: 1, routedAt: 1 });
questionRoutingSchema.index({ personId: 1, routedAt: 1 });

export interface ChampionDoc { _id: Types.ObjectId; courseId: string; personId: string; grantedBy: string; grantedAt: Date }
const championSchema = new Schema<ChampionDoc>({ courseId: key, personId: key, grantedBy: key, grantedAt: when }, options);
championSchema.index({ courseId: 1, personId: 1 }, { unique: true });
championSchema.index({ courseId: 1, grantedAt: 1 });
championSchema.index({ personId: 1 });

/** `_id` is the course id. */
export interface ActivityPurgeDoc { _id: string; purgedThroughSeq: number; lastPurgeAt: Date; lastPurgeCount: number }
const activityPurgeSchema = new Schema<ActivityPurgeDoc>({
  _id: key, purgedThroughSeq: number, lastPurgeAt: when, lastPurgeCount: number,
}, options);

/** One per course question routed to alumni: the space thread that carries it (see care-ports.ts). */
export interface AlumniRoutedQuestionDoc { _id: Types.ObjectId; courseId: string; threadId: string; communityId: string; spaceThreadId: string; createdAt: Date }
const alumniRoutedQuestionSchema = new Schema<AlumniRoutedQuestionDoc>({
  courseId: key, threadId: key, communityId: key, spaceThreadId: key, createdAt: when,
}, options);
alumniRoutedQuestionSchema.index({ courseId: 1, threadId: 1 }, { unique: true });

export interface CareModels {
  careSettings: Model<CareSettingsDoc>;
  questionRoutings: Model<QuestionRoutingDoc>;
  champions: Model<ChampionDoc>;
  activityPurges: Model<ActivityPurgeDoc>;
  alumniRoutedQuestions: Model<AlumniRoutedQuestionDoc>;
}

const compiled = new WeakMap<Connection, CareModels>();

/**
 * The care models on Agora's own connection, compiled once per connection (so repositories built
 * for each transaction share them without threading another argument through the adapter).
 */
export function careModels(connection: Connection): CareModels {
  let models = compiled.get(connection);
  if (!models) {
    models = {
      careSettings: connection.model('CareSettings', careSettingsSchema, 'care_settings'),
      questionRoutings: connection.model('QuestionRouting', questionRoutingSchema, 'question_routings'),
      champions: connection.model('Champion', championSchema, 'champions'),
      activityPurges: connection.model('ActivityPurge', activityPurgeSchema, 'activity_purges'),
      alumniRoutedQuestions: connection.model('AlumniRoutedQuestion', alumniRoutedQuestionSchema, 'alumni_routed_questions'),
    };
    compiled.set(connection, models);
  }
  return models;
}
