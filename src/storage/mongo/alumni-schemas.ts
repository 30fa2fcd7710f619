/**
 * The alumni space's documents (see alumni-ports.ts). Same conventions as schemas.ts: domain ids as
 * `_id: String`, natural keys as unique indexes, dates as Dates, `versionKey: false`.
 */
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { LearnerAccess, PromptTarget } from '../../domain/alumni';

const options = { versionKey: false } as const;
const id = { type: String, required: true };
const key = { type: String, required: true };
const when = { type: Date, required: true };
const optional = { type: String, default: null };
const optionalDate = { type: Date, default: null };

/** `joinCodeKey` is the join code in lower case: unique whatever the case people type. */
export interface CommunityDoc {
  _id: string; name: string; joinCode: string; joinCodeKey: string; spaceCourseId: string; learnerAccess: LearnerAccess;
  quietDays: number; createdBy: string; createdAt: Date;
}
const communitySchema = new Schema<CommunityDoc>({
  _id: id, name: String, joinCode: key, joinCodeKey: key, spaceCourseId: key,
  learnerAccess: { type: String, enum: ['post', 'read', 'hidden'], required: true }, quietDays: { type: Number, required: true },
  createdBy: key, createdAt: when,
}, options);
communitySchema.index({ joinCodeKey: 1 }, { unique: true });
communitySchema.index({ spaceCourseId: 1 }, { unique: true });

/** `_id` is the course id. */
export interface AlumniCourseDoc {
  _id: string; endsAt: Date | null; copiedFrom: string[]; term: string | null; communityId: string | null;
  cohortLabel: string | null; linkedBy: string | null; linkedAt: Date | null; graduatedAt: Date | null; graduatedBy: string | null; updatedAt: Date;
}
const alumniCourseSchema = new Schema<AlumniCourseDoc>({
  _id: id, endsAt: optionalDate, copiedFrom: { type: [String], default: [] }, term: optional, communityId: optional,
  cohortLabel: optional, linkedBy: optional, linkedAt: optionalDate, graduatedAt: optionalDate, graduatedBy: optional, updatedAt: when,
}, options);
alumniCourseSchema.index({ communityId: 1, linkedAt: 1 });
// listDueForGraduation: linked, not graduated, by end date.
alumniCourseSchema.index({ graduatedAt: 1, endsAt: 1 });

export interface AlumnusDoc {
  _id: Types.ObjectId; communityId: string; personId: string; courseId: string; cohortLabel: string; graduatedAt: Date;
}
const alumnusSchema = new Schema<AlumnusDoc>({ communityId: key, personId: key, courseId: key, cohortLabel: String, graduatedAt: when }, options);
alumnusSchema.index({ communityId: 1, personId: 1, courseId: 1 }, { unique: true });
alumnusSchema.index({ personId: 1 });
alumnusSchema.index({ courseId: 1 });

/** Departures and mentors: one document per (community, person). */
export interface CommunityPersonDoc { _id: Types.ObjectId; communityId: string; personId: string; at: Date }
const departureSchema = new Schema<CommunityPersonDoc>({ communityId: key, personId: key, at: when }, options);
departureSchema.index({ communityId: 1, personId: 1 }, { unique: true });
departureSchema.index({ personId: 1 });
const mentorSchema = new Schema<CommunityPersonDoc>({ communityId: key, personId: key, at: when }, options);
mentorSchema.index({ communityId: 1, personId: 1 }, { unique: true });

export interface AlumniProfileDoc {
  _id: Types.ObjectId; communityId: string; personId: string; visible: boolean; displayName: string; bio: string; tags: string[];
  happyToBeAsked: boolean; updatedAt: Date;
}
const alumniProfileSchema = new Schema<AlumniProfileDoc>({
  communityId: key, personId: key, visible: { type: Boolean, default: false }, displayName: String, bio: String,
  tags: { type: [String], default: [] }, happyToBeAsked: { type: Boolean, default: false }, updatedAt: when,
}, options);
alumniProfileSchema.index({ communityId: 1, personId: 1 }, { unique: true });
alumniProfileSchema.index({ communityId: 1, visible: 1, displayName: 1 });
// Community care: a person's own profiles (export, erasure).
alumniProfileSchema.index({ personId: 1 });

/** `_id` is the person id; `email` is kept lower-case. */
export interface EmailSignInDoc { _id: string; email: string; optedInAt: Date }
const emailSignInSchema = new Schema<EmailSignInDoc>({ _id: id, email: key, optedInAt: when }, options);
emailSignInSchema.index({ email: 1 });

/** `_id` is the token hash. Kept a day after expiry (no TTL), so a late click hears why it fails. */
export interface SignInLinkDoc { _id: string; personId: string; createdAt: Date; expiresAt: Date; usedAt: Date | null }
const signInLinkSchema = new Schema<SignInLinkDoc>({ _id: id, personId: key, createdAt: when, expiresAt: when, usedAt: optionalDate }, options);
signInLinkSchema.index({ personId: 1, createdAt: 1 });
signInLinkSchema.index({ expiresAt: 1 });

export interface PromptDoc {
  _id: string; communityId: string; target: PromptTarget; courseId: string; authorId: string; title: string; body: string;
  nextPostAt: Date | null; repeatDays: number | null; lastPostedAt: Date | null; lastThreadId: string | null; createdAt: Date; cancelledAt: Date | null;
}
const promptSchema = new Schema<PromptDoc>({
  _id: id, communityId: key, target: { type: String, enum: ['space', 'course'], required: true }, courseId: key, authorId: key,
  title: String, body: String, nextPostAt: optionalDate, repeatDays: { type: Number, default: null }, lastPostedAt: optionalDate,
  lastThreadId: optional, createdAt: when, cancelledAt: optionalDate,
}, options);
promptSchema.index({ nextPostAt: 1 }, { partialFilterExpression: { nextPostAt: { $type: 'date' } } });
promptSchema.index({ communityId: 1 });

/** `_id` is the question's thread id. */
export interface AlumniQuestionDoc { _id: string; communityId: string; askerId: string; tags: string[]; notifiedCount: number; createdAt: Date }
const alumniQuestionSchema = new Schema<AlumniQuestionDoc>({
  _id: id, communityId: key, askerId: key, tags: { type: [String], default: [] }, notifiedCount: { type: Number, default: 0 }, createdAt: when,
}, options);
alumniQuestionSchema.index({ communityId: 1, createdAt: -1, _id: -1 });

export interface AlumniModels {
  communities: Model<CommunityDoc>;
  alumniCourses: Model<AlumniCourseDoc>;
  alumni: Model<AlumnusDoc>;
  departures: Model<CommunityPersonDoc>;
  mentors: Model<CommunityPersonDoc>;
  profiles: Model<AlumniProfileDoc>;
  emailSignIn: Model<EmailSignInDoc>;
  signInLinks: Model<SignInLinkDoc>;
  prompts: Model<PromptDoc>;
  questions: Model<AlumniQuestionDoc>;
}

export function defineAlumniModels(connection: Connection): AlumniModels {
  return {
    communities: connection.model('AlumniCommunity', communitySchema, 'alumni_communities'),
    alumniCourses: connection.model('AlumniCourse', alumniCourseSchema, 'alumni_courses'),
    alumni: connection.model('Alumnus', alumnusSchema, 'alumni'),
    departures: connection.model('AlumniDeparture', departureSchema, 'alumni_departures'),
    mentors: connection.model('AlumniMentor', mentorSchema, 'alumni_mentors'),
    profiles: connection.model('AlumniProfile', alumniProfileSchema, 'alumni_profiles'),
    emailSignIn: connection.model('AlumniEmailSignIn', emailSignInSchema, 'alumni_email_sign_in'),
    signInLinks: connection.model('AlumniSignInLink', signInLinkSchema, 'alumni_sign_in_links'),
    prompts: connection.model('AlumniPrompt', promptSchema, 'alumni_prompts'),
    questions: connection.model('AlumniQuestion', alumniQuestionSchema, 'alumni_questions'),
  };
}
