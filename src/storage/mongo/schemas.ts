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
import type { CourseSettings } from '../../domain/course-settings';
import { ANONYMITY_LEVELS, THREAD_KINDS, type Anonymity, type PostKind, type PostRevision, type Reply, type Thread, type ThreadKind } from '../../domain/discussion';
import type { Notification, Report } from '../../domain/notifications';
import type { CourseRole, MembershipSource } from '../../domain/membership';

const options = { versionKey: false } as const;
const id = { type: String, required: true };
const key = { type: String, required: true };
const when = { type: Date, required: true };
const optional = { type: String, default: null };
const optionalDate = { type: Date, default: null };
const count = { type: Number, default: 0 };
const flag = { type: Boolean, default: false };
const anonymity = { type: String, enum: [...ANONYMITY_LEVELS], default: 'named' as Anonymity };
const postKind = { type: String, enum: ['thread', 'reply'], required: true };

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
  familyName: string | null; email: string | null; locale?: string | null; createdAt: Date;
}
const personSchema = new Schema<PersonDoc>({
  _id: id, issuer: key, subject: key, name: optional, givenName: optional, familyName: optional,
  email: optional, locale: optional, createdAt: when,
}, options);
personSchema.index({ issuer: 1, subject: 1 }, { unique: true });

/** Memberships and deployments have no id in the domain: their `_id` is the server's and is never read. */
export interface MembershipDoc {
  _id: Types.ObjectId; courseId: string; personId: string; role: CourseRole; ltiRoles: string[];
  firstLaunchAt: Date; lastLaunchAt: Date;
  /** Absent on documents written before roster sync existed: read as 'launch' and not removed. */
  source?: MembershipSource; removedAt?: Date | null;
}
const membershipSchema = new Schema<MembershipDoc>({
  courseId: key, personId: key, role: { type: String, enum: ['staff', 'learner'], required: true },
  ltiRoles: { type: [String], default: [] }, firstLaunchAt: when, lastLaunchAt: when,
  source: { type: String, enum: ['launch', 'roster'], default: 'launch' }, removedAt: { type: Date, default: null },
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
export interface SessionDoc { _id: string; personId: string; createdAt: Date; expiresAt: Date; scope?: 'launch' | 'alumni'; locale?: string | null }
const sessionSchema = new Schema<SessionDoc>({
  _id: id, personId: key, createdAt: when, expiresAt: when, scope: { type: String, enum: ['launch', 'alumni'], default: 'launch' }, locale: optional,
}, options);
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

/** Threads and replies are stored as the domain has them, with the id as `_id`. */
export type ThreadDoc = Omit<Thread, 'id'> & { _id: string };
const threadSchema = new Schema<ThreadDoc>({
  _id: id, courseId: key, authorId: key, kind: { type: String, enum: [...THREAD_KINDS], default: 'discussion' as ThreadKind }, anonymity,
  title: String, bodySource: String, bodyHtml: String,
  // Kept sorted and without repeats (see repositories/threads.ts), like SQLite's thread_tags rows.
  tagIds: { type: [String], default: [] },
  replyCount: count, answerCount: count, voteCount: count, pinned: flag, locked: flag, hidden: flag,
  acceptedReplyId: optional, endorsedAnswerCount: count,
  createdAt: when, editedAt: optionalDate, deletedAt: optionalDate, lastActivityAt: when,
}, options);
// One per sort of `list`: pinned first, then the sort key, then the id that breaks ties, each
// walked backwards by the keyset pages. countCreatedSince uses the 'newest' one (see threads.ts).
threadSchema.index({ courseId: 1, pinned: -1, lastActivityAt: -1, _id: -1 });
threadSchema.index({ courseId: 1, pinned: -1, createdAt: -1, _id: -1 });
threadSchema.index({ courseId: 1, pinned: -1, voteCount: -1, _id: -1 });
// lastActivityAt (the newest activity, whatever is pinned).
threadSchema.index({ courseId: 1, lastActivityAt: -1, _id: -1 });
// countByAuthorSince (the rate limit), and the tag filter, removeTagEverywhere and tags.delete.
threadSchema.index({ courseId: 1, authorId: 1, createdAt: 1 });
threadSchema.index({ courseId: 1, tagIds: 1 });
// Community care: the unanswered queue, first-answer times and weekly figures (kind named, see care-figures.ts).
threadSchema.index({ courseId: 1, kind: 1, createdAt: 1 });

export type ReplyDoc = Omit<Reply, 'id'> & { _id: string };
const replySchema = new Schema<ReplyDoc>({
  _id: id, courseId: key, threadId: key, parentId: optional, authorId: key, anonymity,
  bodySource: String, bodyHtml: String, voteCount: count, hidden: flag, endorsedBy: optional, endorsedAt: optionalDate,
  createdAt: when, editedAt: optionalDate, deletedAt: optionalDate,
}, options);
// listByThread (ids are time-ordered), countByAuthorSince, countCreatedSince.
replySchema.index({ threadId: 1, _id: 1 });
replySchema.index({ courseId: 1, authorId: 1, createdAt: 1 });
replySchema.index({ courseId: 1, createdAt: 1 });
// Community care: the (few) staff-endorsed answers, for expertise counts.
replySchema.index({ courseId: 1, authorId: 1 }, { partialFilterExpression: { endorsedBy: { $type: 'string' } } });

export type PostRevisionDoc = Omit<PostRevision, 'id'> & { _id: string };
const postRevisionSchema = new Schema<PostRevisionDoc>({
  _id: id, courseId: key, postKind, postId: key, title: optional, bodySource: String, editorId: key, createdAt: when,
}, options);
postRevisionSchema.index({ postKind: 1, postId: 1, createdAt: 1, _id: 1 });

/** One per person and post: the unique index is what makes a vote count once. */
export interface VoteDoc {
  _id: Types.ObjectId; postKind: PostKind; postId: string; personId: string; courseId: string; createdAt: Date;
}
const voteSchema = new Schema<VoteDoc>({ postKind, postId: key, personId: key, courseId: key, createdAt: when }, options);
voteSchema.index({ postKind: 1, postId: 1, personId: 1 }, { unique: true });
// Community care: weekly vote counts, and a person's own votes (export, erasure).
voteSchema.index({ courseId: 1, createdAt: 1 });
voteSchema.index({ personId: 1 });

/** `nameLower` is the name lower-cased: its unique index refuses the same name in another case. */
export interface TagDoc { _id: string; courseId: string; name: string; nameLower: string; createdAt: Date }
const tagSchema = new Schema<TagDoc>({ _id: id, courseId: key, name: key, nameLower: key, createdAt: when }, options);
tagSchema.index({ courseId: 1, nameLower: 1 }, { unique: true });

export interface FollowDoc { _id: Types.ObjectId; personId: string; threadId: string; courseId: string; createdAt: Date }
const followSchema = new Schema<FollowDoc>({ personId: key, threadId: key, courseId: key, createdAt: when }, options);
followSchema.index({ personId: 1, threadId: 1 }, { unique: true });
followSchema.index({ threadId: 1, createdAt: 1 });

export interface ThreadReadDoc { _id: Types.ObjectId; personId: string; threadId: string; courseId: string; lastReadAt: Date }
const threadReadSchema = new Schema<ThreadReadDoc>({ personId: key, threadId: key, courseId: key, lastReadAt: when }, options);
threadReadSchema.index({ personId: 1, threadId: 1 }, { unique: true });

export interface CourseVisitDoc { _id: Types.ObjectId; personId: string; courseId: string; lastVisitAt: Date }
const courseVisitSchema = new Schema<CourseVisitDoc>({ personId: key, courseId: key, lastVisitAt: when }, options);
courseVisitSchema.index({ personId: 1, courseId: 1 }, { unique: true });

export type NotificationDoc = Omit<Notification, 'id'> & { _id: string };
const notificationSchema = new Schema<NotificationDoc>({
  _id: id, personId: key, courseId: key, kind: key, threadId: key, replyId: optional, actorId: key,
  createdAt: when, readAt: optionalDate,
}, options);
// listForPerson (newest first), and countUnread / markRead.
notificationSchema.index({ personId: 1, courseId: 1, createdAt: -1, _id: -1 });
notificationSchema.index({ personId: 1, courseId: 1, readAt: 1 });
// The digest job (repositories/digests.ts): unread notifications of every course, by time.
notificationSchema.index({ readAt: 1, createdAt: 1, _id: 1 });

export type ReportDoc = Omit<Report, 'id'> & { _id: string };
const reportSchema = new Schema<ReportDoc>({
  _id: id, courseId: key, postKind, postId: key, threadId: key, reporterId: key, reason: String,
  createdAt: when, resolvedAt: optionalDate, resolvedBy: optional,
}, options);
// listOpen (resolvedAt: null, oldest first) and resolveForPost.
reportSchema.index({ courseId: 1, resolvedAt: 1, createdAt: 1, _id: 1 });

/** `_id` is the course id. */
export type CourseSettingsDoc = Omit<CourseSettings, 'courseId'> & { _id: string };
const courseSettingsSchema = new Schema<CourseSettingsDoc>({
  _id: id, anonymity: { type: String, enum: [...ANONYMITY_LEVELS], required: true }, postingPolicy: optional,
  policyVersion: { type: Number, required: true }, updatedAt: when,
}, options);

export interface PolicyAcceptanceDoc { _id: Types.ObjectId; courseId: string; personId: string; policyVersion: number; acceptedAt: Date }
const policyAcceptanceSchema = new Schema<PolicyAcceptanceDoc>({
  courseId: key, personId: key, policyVersion: { type: Number, required: true }, acceptedAt: when,
}, options);
policyAcceptanceSchema.index({ courseId: 1, personId: 1 }, { unique: true });

/** One pseudonym per person in a course, and never the same one for two people: two unique indexes. */
export interface PseudonymDoc { _id: Types.ObjectId; courseId: string; personId: string; name: string }
const pseudonymSchema = new Schema<PseudonymDoc>({ courseId: key, personId: key, name: key }, options);
pseudonymSchema.index({ courseId: 1, personId: 1 }, { unique: true });
pseudonymSchema.index({ courseId: 1, name: 1 }, { unique: true });

/**
 * The searchable text of one post; `_id` is `<postKind>:<postId>`. `title` and `body` are kept as
 * written, for snippets. `titleText`, `bodyText` and `words` hold the same text as search terms
 * (see repositories/search.ts): the text index covers titleText and bodyText, so MongoDB's own
 * tokenizer only ever sees words we cut; `words` (distinct) decides what matches.
 */
export interface PostSearchDoc {
  _id: string; courseId: string; postKind: PostKind; postId: string; threadId: string;
  title: string; body: string; titleText: string; bodyText: string; words: string[];
}
const postSearchSchema = new Schema<PostSearchDoc>({
  _id: id, courseId: key, postKind, postId: key, threadId: key, title: String, body: String,
  titleText: String, bodyText: String, words: { type: [String], default: [] },
}, options);
// $text queries on a compound text index must name the course (an equality on the prefix), so a
// search only walks the course's entries. Titles weigh 4, bodies 1, as in SQLite's bm25(4.0, 1.0).
// 'none': no stemming and no stop words, like FTS5's unicode61 tokenizer.
postSearchSchema.index(
  { courseId: 1, titleText: 'text', bodyText: 'text' },
  { name: 'post_search_text', weights: { titleText: 4, bodyText: 1 }, default_language: 'none' },
);

/**
 * Every word ever indexed in a course, `_id` `<courseId>:<word>` (see repositories/search.ts: it
 * turns the last word of a query into the words that start with it). Only ever added to.
 */
export interface SearchTermDoc { _id: string; courseId: string }
const searchTermSchema = new Schema<SearchTermDoc>({ _id: id, courseId: key }, options);

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
// Community care: the retention purge finds old events by time.
courseEventSchema.index({ createdAt: 1 });

/** Named numbers: `course_events` numbers the event log; `schema_version` is upgrade.ts's. */
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
  revisions: Model<PostRevisionDoc>;
  votes: Model<VoteDoc>;
  tags: Model<TagDoc>;
  follows: Model<FollowDoc>;
  threadReads: Model<ThreadReadDoc>;
  courseVisits: Model<CourseVisitDoc>;
  notifications: Model<NotificationDoc>;
  reports: Model<ReportDoc>;
  courseSettings: Model<CourseSettingsDoc>;
  policyAcceptances: Model<PolicyAcceptanceDoc>;
  pseudonyms: Model<PseudonymDoc>;
  postSearch: Model<PostSearchDoc>;
  searchTerms: Model<SearchTermDoc>;
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
    revisions: connection.model('PostRevision', postRevisionSchema, 'post_revisions'),
    votes: connection.model('Vote', voteSchema, 'votes'),
    tags: connection.model('Tag', tagSchema, 'tags'),
    follows: connection.model('Follow', followSchema, 'follows'),
    threadReads: connection.model('ThreadRead', threadReadSchema, 'thread_reads'),
    courseVisits: connection.model('CourseVisit', courseVisitSchema, 'course_visits'),
    notifications: connection.model('Notification', notificationSchema, 'notifications'),
    reports: connection.model('Report', reportSchema, 'reports'),
    courseSettings: connection.model('CourseSettings', courseSettingsSchema, 'course_settings'),
    policyAcceptances: connection.model('PolicyAcceptance', policyAcceptanceSchema, 'policy_acceptances'),
    pseudonyms: connection.model('Pseudonym', pseudonymSchema, 'pseudonyms'),
    postSearch: connection.model('PostSearch', postSearchSchema, 'post_search'),
    searchTerms: connection.model('SearchTerm', searchTermSchema, 'search_terms'),
    courseEvents: connection.model('CourseEvent', courseEventSchema, 'course_events'),
    counters: connection.model('Counter', counterSchema, 'counters'),
  };
}
