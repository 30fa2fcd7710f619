/**
 * The LTI Advantage documents (see lti-ports.ts): tickets and each course's LTI services with its
 * roster sync state. Same conventions as schemas.ts; memberships (with their roster fields) live there.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { LtiTicketKind } from '../lti-ports';

const options = { versionKey: false } as const;
const key = { type: String, required: true };
const when = { type: Date, required: true };
const optionalText = { type: String, default: null };
const optionalDate = { type: Date, default: null };

/** A ticket's id is unique within its kind; `(kind, id)` has a unique index. */
export interface LtiTicketDoc {
  kind: LtiTicketKind; ticketId: string; data: Record<string, unknown>; createdAt: Date; expiresAt: Date;
}
const ltiTicketSchema = new Schema<LtiTicketDoc>({
  kind: key, ticketId: key, data: { type: Schema.Types.Mixed, default: {} }, createdAt: when, expiresAt: when,
}, { ...options, minimize: false });
ltiTicketSchema.index({ kind: 1, ticketId: 1 }, { unique: true });
// TTL: MongoDB removes expired tickets on its own; find/take also refuse them before that happens.
ltiTicketSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/** `_id` is the course id. */
export interface CourseLtiServicesDoc {
  _id: string; issuer: string; clientId: string; deploymentId: string;
  membershipsUrl: string | null; lineItemsUrl: string | null; gradeScopes: string[]; updatedAt: Date;
  rosterLastAttemptAt: Date | null; rosterLastSuccessAt: Date | null; rosterLastError: string | null;
  rosterMemberCount: number | null; rosterClaimedUntil: Date | null;
}
const courseLtiServicesSchema = new Schema<CourseLtiServicesDoc>({
  _id: key, issuer: key, clientId: key, deploymentId: key,
  membershipsUrl: optionalText, lineItemsUrl: optionalText, gradeScopes: { type: [String], default: [] }, updatedAt: when,
  rosterLastAttemptAt: optionalDate, rosterLastSuccessAt: optionalDate, rosterLastError: optionalText,
  rosterMemberCount: { type: Number, default: null }, rosterClaimedUntil: optionalDate,
}, options);
// Serves listDueForRosterSync.
courseLtiServicesSchema.index({ rosterLastAttemptAt: 1 }, { partialFilterExpression: { membershipsUrl: { $type: 'string' } } });

export interface LtiModels {
  ltiTickets: Model<LtiTicketDoc>;
  courseLtiServices: Model<CourseLtiServicesDoc>;
}

/** Compiled on Agora's own connection; the collection names do not clash with ltijs's. */
export function defineLtiModels(connection: Connection): LtiModels {
  return {
    ltiTickets: connection.model('LtiTicket', ltiTicketSchema, 'lti_tickets'),
    courseLtiServices: connection.model('CourseLtiServices', courseLtiServicesSchema, 'course_lti_services'),
  };
}
