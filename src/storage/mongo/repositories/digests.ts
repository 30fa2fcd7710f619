import type { DigestDelivery, DigestPreference, DigestRetry } from '../../../domain/digest';
import type { Id } from '../../../domain/ids';
import type { Notification } from '../../../domain/notifications';
import type { DigestClaim, DigestRecords, DigestRepositories, DigestRepository, NotificationWindow } from '../../digest-ports';
import type { MongoContext } from '../context';
import type { DigestDeliveryDoc, DigestModels, DigestPreferenceDoc, DigestRetryDoc } from '../digest-schemas';
import type { NotificationDoc } from '../schemas';

export function mongoDigestRepositories(ctx: MongoContext, models: DigestModels): DigestRepositories {
  return { digests: new MongoDigests(ctx, models) };
}

const toPreference = (doc: DigestPreferenceDoc): DigestPreference => ({ personId: doc._id, frequency: doc.frequency, updatedAt: doc.updatedAt });
const toDelivery = (doc: DigestDeliveryDoc): DigestDelivery => ({
  personId: doc.personId, itemKey: doc.itemKey, claimId: doc.claimId, claimedAt: doc.claimedAt, sentAt: doc.sentAt ?? null,
});
const toRetry = (doc: DigestRetryDoc): DigestRetry => ({
  personId: doc._id, attempts: doc.attempts, retryAfter: doc.retryAfter, lastError: doc.lastError, failedAt: doc.failedAt,
});
const toNotification = (doc: NotificationDoc): Notification => ({
  id: doc._id, personId: doc.personId, courseId: doc.courseId, kind: doc.kind, threadId: doc.threadId, replyId: doc.replyId ?? null,
  actorId: doc.actorId, createdAt: doc.createdAt, readAt: doc.readAt ?? null,
});
const notificationKey = (id: Id) => `notification:${id}`;

export class MongoDigests implements DigestRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: DigestModels) {}

  async findPreference(personId: Id): Promise<DigestPreference | null> {
    const doc = await this.models.digestPreferences.findById(personId, null, { session: this.ctx.session }).lean<DigestPreferenceDoc>();
    return doc ? toPreference(doc) : null;
  }

  async findPreferences(personIds: readonly Id[]): Promise<DigestPreference[]> {
    if (personIds.length === 0) return [];
    const docs = await this.models.digestPreferences.find({ _id: { $in: [...new Set(personIds)] } }, null, { session: this.ctx.session }).lean<DigestPreferenceDoc[]>();
    return docs.map(toPreference);
  }

  async savePreference(preference: DigestPreference): Promise<void> {
    await this.models.digestPreferences.updateOne(
      { _id: preference.personId },
      { $set: { frequency: preference.frequency, updatedAt: preference.updatedAt } },
      { upsert: true, session: this.ctx.session },
    );
  }

  /** Pages through unread notifications and drops the claimed ones, until the page is full or the window is done. */
  async listUnclaimedNotifications(window: NotificationWindow): Promise<Notification[]> {
    const found: Notification[] = [];
    let after = window.after ?? null;
    while (found.length < window.limit) {
      const filter: Record<string, unknown> = { readAt: null, createdAt: { $gte: window.from, $lt: window.to } };
      if (after) filter.$or = [{ createdAt: { $gt: after.createdAt } }, { createdAt: after.createdAt, _id: { $gt: after.id } }];
      const docs = await this.ctx.models.notifications
        .find(filter, null, { session: this.ctx.session })
        .sort({ createdAt: 1, _id: 1 })
        .limit(window.limit)
        .lean<NotificationDoc[]>();
      if (docs.length === 0) break;
      const claimed = await this.models.digestDeliveries
        .find({ personId: { $in: [...new Set(docs.map((d) => d.personId))] }, itemKey: { $in: docs.map((d) => notificationKey(d._id)) } },
          { personId: 1, itemKey: 1 }, { session: this.ctx.session })
        .lean<Array<Pick<DigestDeliveryDoc, 'personId' | 'itemKey'>>>();
      const taken = new Set(claimed.map((d) => `${d.personId} ${d.itemKey}`));
      for (const doc of docs) {
        if (!taken.has(`${doc.personId} ${notificationKey(doc._id)}`) && found.length < window.limit) found.push(toNotification(doc));
      }
      if (docs.length < window.limit) break;
      const last = docs[docs.length - 1]!;
      after = { createdAt: last.createdAt, id: last._id };
    }
    return found;
  }

  async claimedFor(itemKey: string, personIds: readonly Id[]): Promise<Set<Id>> {
    if (personIds.length === 0) return new Set();
    const docs = await this.models.digestDeliveries
      .find({ itemKey, personId: { $in: [...new Set(personIds)] } }, { personId: 1 }, { session: this.ctx.session })
      .lean<Array<Pick<DigestDeliveryDoc, 'personId'>>>();
    return new Set(docs.map((d) => d.personId));
  }

  async claim(claim: DigestClaim): Promise<string[]> {
    const keys = [...new Set(claim.itemKeys)];
    if (keys.length === 0) return [];
    // All or nothing, in one transaction. Each upsert only inserts: a key already claimed matches and
    // changes nothing; a run racing for the same key conflicts, is retried, and then finds it claimed.
    return this.ctx.atomically(async (session) => {
      const won: string[] = [];
      for (const itemKey of keys) {
        const result = await this.models.digestDeliveries.updateOne(
          { personId: claim.personId, itemKey },
          { $setOnInsert: { claimId: claim.claimId, claimedAt: claim.at, sentAt: null } },
          { upsert: true, session },
        );
        if (result.upsertedCount > 0) won.push(itemKey);
      }
      return won;
    });
  }

  async markSent(personId: Id, claimId: Id, at: Date): Promise<number> {
    const result = await this.models.digestDeliveries.updateMany({ personId, claimId, sentAt: null }, { $set: { sentAt: at } }, { session: this.ctx.session });
    return result.modifiedCount;
  }

  async release(personId: Id, claimId: Id): Promise<number> {
    const result = await this.models.digestDeliveries.deleteMany({ personId, claimId, sentAt: null }, { session: this.ctx.session });
    return result.deletedCount;
  }

  async purgeDeliveriesBefore(cutoff: Date): Promise<number> {
    const result = await this.models.digestDeliveries.deleteMany({ claimedAt: { $lt: cutoff } }, { session: this.ctx.session });
    return result.deletedCount;
  }

  async findRetry(personId: Id): Promise<DigestRetry | null> {
    const doc = await this.models.digestRetries.findById(personId, null, { session: this.ctx.session }).lean<DigestRetryDoc>();
    return doc ? toRetry(doc) : null;
  }

  async saveRetry(retry: DigestRetry): Promise<void> {
    const { personId, ...rest } = retry;
    await this.models.digestRetries.updateOne({ _id: personId }, { $set: rest }, { upsert: true, session: this.ctx.session });
  }

  async clearRetry(personId: Id): Promise<void> {
    await this.models.digestRetries.deleteOne({ _id: personId }, { session: this.ctx.session });
  }

  async collect(personId: Id): Promise<DigestRecords> {
    const docs = await this.models.digestDeliveries.find({ personId }, null, { session: this.ctx.session }).sort({ claimedAt: 1, itemKey: 1 }).lean<DigestDeliveryDoc[]>();
    return { preference: await this.findPreference(personId), deliveries: docs.map(toDelivery), retry: await this.findRetry(personId) };
  }

  async erase(personId: Id): Promise<number> {
    const session = this.ctx.session;
    const preferences = await this.models.digestPreferences.deleteOne({ _id: personId }, { session });
    const deliveries = await this.models.digestDeliveries.deleteMany({ personId }, { session });
    const retries = await this.models.digestRetries.deleteOne({ _id: personId }, { session });
    return preferences.deletedCount + deliveries.deletedCount + retries.deletedCount;
  }
}
