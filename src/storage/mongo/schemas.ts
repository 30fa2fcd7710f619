/**
 * The documents Agora keeps in MongoDB, their collections and their indexes.
 * Domain ids are strings made by the caller, so they are stored as `_id: String`, never ObjectIds.
 * Where a record has a natural key (a session's token hash, a launch state, an event's seq) that
 * key is the `_id`, which is unique by nature. Every other uniqueness rule is a unique index, so
 * it holds even when several Agora processes write at once.
 * `versionKey: false`: no `__v`; nothing here uses mongoose's optimistic versioning.
 * Free text (titles, bodies) is not `required`: mongoose's required check rejects '', which the
 * SQLite schema accepts (sanitising a body can leave nothing), and the domain types already
 * guarantee the field is there.
 */
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { SpaceKind } from '../../domain/course';
import type { CourseRole } from '../../domain/membership';

const options = { versionKey: false } as const;
const id = { type: String, required: true };
const key = { type: String, required: true };
const when = { type: Date, required: true };
const optional = { type: String, default: null };

export interface CourseDoc {
  _id: string; issuer: string; clientId: string; deploymentId: string; contextId: string;
  title: string; label: string | null; createdAt: Date;
}
const courseSchema = new Schema<CourseDoc>({
  _id: id, issuer: key, clientId: key, deploymentId: key, contextId: key,
  title: String, label: optional, createdAt: when,
}, options);
courseSchema.index({ issuer: 1, clientId: 1, deploymentId: 1, contextId: 1 }, { unique: true });

export interface PersonDoc {
  _id: string; issuer: string; subject: string; name: string | null; givenName: string | null;
  familyName: string | null; email: string | null; createdAt: Date;
}
const personSchema = new Schema<PersonDoc>({
  _id: id, issuer: key, subject: key, name: optional, givenName: optional, familyName: optional,
  email: optional, createdAt: when,
}, options);
personSchema.index({ issuer: 1, subject: 1 }, { unique: true });

/** Memberships and deployments have no id in the domain: their `_id` is the server's and is never read. */
export interface MembershipDoc {
  _id: Types.ObjectId; courseId: string; personId: string; role: CourseRole; ltiRoles: string[];
  firstLaunchAt: Date; lastLaunchAt: Date;
}
const membershipSchema = new Schema<MembershipDoc>({
  courseId: key, personId: key, role: { type: String, enum: ['staff', 'learner'], required: true },
  ltiRoles: { type: [String], default: [] }, firstLaunchAt: when, lastLaunchAt: when,
}, options);
membershipSchema.index({ courseId: 1, personId: 1 }, { unique: true });

export interface DeploymentDoc {
  _id: Types.ObjectId; issuer: string; clientId: string; deploymentId: string; createdAt: Date;
}
const deploymentSchema = new Schema<DeploymentDoc>({
  issuer: key, clientId: key, deploymentId: key, createdAt: when,
}, options);
deploymentSchema.index({ issuer: 1, clientId: 1, deploymentId: 1 }, { unique: true });

/** `_id` is the token hash. */
export interface SessionDoc { _id: string; personId: string; createdAt: Date; expiresAt: Date }
const sessionSchema = new Schema<SessionDoc>({ _id: id, personId: key, createdAt: when, expiresAt: when }, options);
// TTL: MongoDB removes expired sessions on its own (about once a minute); deleteExpired does it on demand.
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/** `_id` is the state. A nonce is also accepted only once, hence its own unique index. */
export interface LaunchStateDoc {
  _id: string; nonce: string; issuer: string; clientId: string; deploymentId: string | null;
  targetLinkUri: string; createdAt: Date; expiresAt: Date;
}
const launchStateSchema = new Schema<LaunchStateDoc>({
  _id: id, nonce: key, issuer: key, clientId: key, deploymentId: optional, targetLinkUri: key,
  createdAt: when, expiresAt: when,
}, options);
launchStateSchema.index({ nonce: 1 }, { unique: true });
launchStateSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export interface ThreadDoc {
  _id: string; courseId: string; authorId: string; title: string; bodySource: string; bodyHtml: string;
  replyCount: number; createdAt: Date; lastActivityAt: Date;
}
const threadSchema = new Schema<ThreadDoc>({
  _id: id, courseId: key, authorId: key, title: String, bodySource: String, bodyHtml: String,
  replyCount: { type: Number, default: 0 }, createdAt: when, lastActivityAt: when,
}, options);
// Serves listByActivity (keyset pages), countByCourse and lastActivityAt.
threadSchema.index({ courseId: 1, lastActivityAt: -1, _id: -1 });

export interface ReplyDoc {
  _id: string; courseId: string; threadId: string; authorId: string; bodySource: string; bodyHtml: string;
  createdAt: Date;
}
const replySchema = new Schema<ReplyDoc>({
  _id: id, courseId: key, threadId: key, authorId: key, bodySource: String, bodyHtml: String, createdAt: when,
}, options);
replySchema.index({ threadId: 1, _id: 1 });

/**
 * `_id` is the event's seq. `data` holds what the event type adds (threadId, replyId, ...).
 * `minimize: false` keeps an empty `data` as {} rather than dropping the field.
 */
export interface CourseEventDoc {
  _id: number; courseId: string; space: SpaceKind; type: string; actorId: string;
  data: Record<string, unknown>; createdAt: Date;
}
const courseEventSchema = new Schema<CourseEventDoc>({
  _id: { type: Number, required: true }, courseId: key, space: key, type: key, actorId: key,
  data: { type: Schema.Types.Mixed, default: {} }, createdAt: when,
}, { ...options, minimize: false });
courseEventSchema.index({ courseId: 1, _id: 1 });

/** Named sequences; `course_events` numbers the event log. */
export interface CounterDoc { _id: string; seq: number }
const counterSchema = new Schema<CounterDoc>({ _id: id, seq: { type: Number, required: true } }, options);

export interface MongoModels {
  courses: Model<CourseDoc>;
  people: Model<PersonDoc>;
  memberships: Model<MembershipDoc>;
  deployments: Model<DeploymentDoc>;
  sessions: Model<SessionDoc>;
  launchStates: Model<LaunchStateDoc>;
  threads: Model<ThreadDoc>;
  replies: Model<ReplyDoc>;
  courseEvents: Model<CourseEventDoc>;
  counters: Model<CounterDoc>;
}

/**
 * Compiles the models on Agora's own connection (never the global mongoose one, which ltijs uses).
 * Collection names are explicit so they never depend on mongoose's pluralisation, and none of them
 * clashes with ltijs's collections (platforms, idtokens, nonces, states, ...) in the same database.
 */
export function defineModels(connection: Connection): MongoModels {
  return {
    courses: connection.model('Course', courseSchema, 'courses'),
    people: connection.model('Person', personSchema, 'people'),
    memberships: connection.model('Membership', membershipSchema, 'memberships'),
    deployments: connection.model('Deployment', deploymentSchema, 'deployments'),
    sessions: connection.model('Session', sessionSchema, 'sessions'),
    launchStates: connection.model('LaunchState', launchStateSchema, 'launch_states'),
    threads: connection.model('Thread', threadSchema, 'threads'),
    replies: connection.model('Reply', replySchema, 'replies'),
    courseEvents: connection.model('CourseEvent', courseEventSchema, 'course_events'),
    counters: connection.model('Counter', counterSchema, 'counters'),
  };
}
