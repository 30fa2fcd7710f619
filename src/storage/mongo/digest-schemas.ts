/**
 * The email digests' documents (see digest-ports.ts): each person's choice, the sent log and the
 * back-off after a failed send. Same conventions as schemas.ts. The index the job scans unread
 * notifications through is declared with the notifications in schemas.ts.
 */
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { DIGEST_FREQUENCIES, type DigestFrequency } from '../../domain/digest';

const options = { versionKey: false } as const;
const key = { type: String, required: true };
const when = { type: Date, required: true };

/** `_id` is the person id. */
export interface DigestPreferenceDoc { _id: string; frequency: DigestFrequency; updatedAt: Date }
const digestPreferenceSchema = new Schema<DigestPreferenceDoc>({
  _id: key, frequency: { type: String, enum: [...DIGEST_FREQUENCIES], required: true }, updatedAt: when,
}, options);

/** One per person and item: the unique index is the claim that makes an item go out at most once. */
export interface DigestDeliveryDoc { _id: Types.ObjectId; personId: string; itemKey: string; claimId: string; claimedAt: Date; sentAt: Date | null }
const digestDeliverySchema = new Schema<DigestDeliveryDoc>({
  personId: key, itemKey: key, claimId: key, claimedAt: when, sentAt: { type: Date, default: null },
}, options);
digestDeliverySchema.index({ personId: 1, itemKey: 1 }, { unique: true });
digestDeliverySchema.index({ personId: 1, claimId: 1 });
digestDeliverySchema.index({ itemKey: 1, personId: 1 });
digestDeliverySchema.index({ claimedAt: 1 });

/** `_id` is the person id. */
export interface DigestRetryDoc { _id: string; attempts: number; retryAfter: Date; lastError: string; failedAt: Date }
const digestRetrySchema = new Schema<DigestRetryDoc>({
  _id: key, attempts: { type: Number, required: true }, retryAfter: when, lastError: { type: String, default: '' }, failedAt: when,
}, options);

export interface DigestModels {
  digestPreferences: Model<DigestPreferenceDoc>;
  digestDeliveries: Model<DigestDeliveryDoc>;
  digestRetries: Model<DigestRetryDoc>;
}

const compiled = new WeakMap<Connection, DigestModels>();

/** The digest models on Agora's own connection, compiled once per connection (as careModels does). */
export function digestModels(connection: Connection): DigestModels {
  let models = compiled.get(connection);
  if (!models) {
    models = {
      digestPreferences: connection.model('DigestPreference', digestPreferenceSchema, 'digest_preferences'),
      digestDeliveries: connection.model('DigestDelivery', digestDeliverySchema, 'digest_deliveries'),
      digestRetries: connection.model('DigestRetry', digestRetrySchema, 'digest_retries'),
    };
    compiled.set(connection, models);
  }
  return models;
}
