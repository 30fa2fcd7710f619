import type { Hotseat, HotseatHost, HotseatInvitation, HotseatPhase } from '../../../domain/hotseat';
import type { Id } from '../../../domain/ids';
import type { HotseatHostRepository, HotseatInvitationRepository, HotseatPatch, HotseatRepository } from '../../hotseat-ports';
import type { MongoContext } from '../context';
import type { HotseatDoc, HotseatHostDoc, HotseatInvitationDoc, HotseatModels } from '../hotseat-schemas';

const toHotseat = (doc: HotseatDoc): Hotseat => ({
  id: doc._id, courseId: doc.courseId, title: doc.title, descriptionSource: doc.descriptionSource, descriptionHtml: doc.descriptionHtml,
  createdBy: doc.createdBy, publishedAt: doc.publishedAt ?? null, opensAt: doc.opensAt, startsAt: doc.startsAt, endsAt: doc.endsAt,
  phase: doc.phase, premoderation: doc.premoderation, convertOnClose: doc.convertOnClose,
  answeringQuestionId: doc.answeringQuestionId ?? null, createdAt: doc.createdAt, updatedAt: doc.updatedAt,
});

const PATCHABLE = [
  'title', 'descriptionSource', 'descriptionHtml', 'publishedAt', 'opensAt', 'startsAt', 'endsAt', 'premoderation',
  'convertOnClose', 'answeringQuestionId', 'updatedAt',
] as const satisfies ReadonlyArray<keyof HotseatPatch>;

/** `$set` for the keys present in a patch; `undefined` means "leave as is", null is a value. */
export function patchSet<P extends object>(patch: P, fields: ReadonlyArray<keyof P & string>): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const field of fields) {
    if (patch[field] !== undefined) set[field] = patch[field];
  }
  return set;
}

export class MongoHotseats implements HotseatRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: HotseatModels) {}

  async create(hotseat: Hotseat): Promise<void> {
    const { id, ...rest } = hotseat;
    await this.models.hotseats.create([{ _id: id, ...rest }], { session: this.ctx.session });
  }

  async findById(courseId: Id, hotseatId: Id): Promise<Hotseat | null> {
    const doc = await this.models.hotseats.findOne({ _id: hotseatId, courseId }, null, { session: this.ctx.session }).lean<HotseatDoc>();
    return doc ? toHotseat(doc) : null;
  }

  async listByCourse(courseId: Id): Promise<Hotseat[]> {
    const docs = await this.models.hotseats
      .find({ courseId }, null, { session: this.ctx.session })
      .sort({ startsAt: 1, _id: 1 })
      .lean<HotseatDoc[]>();
    return docs.map(toHotseat);
  }

  async update(courseId: Id, hotseatId: Id, patch: HotseatPatch): Promise<Hotseat | null> {
    const set = patchSet(patch, PATCHABLE);
    const filter = { _id: hotseatId, courseId };
    const options = { session: this.ctx.session };
    // One atomic step: the hotseat as this update left it.
    const doc = Object.keys(set).length > 0
      ? await this.models.hotseats.findOneAndUpdate(filter, { $set: set }, { ...options, new: true }).lean<HotseatDoc>()
      : await this.models.hotseats.findOne(filter, null, options).lean<HotseatDoc>();
    return doc ? toHotseat(doc) : null;
  }

  async advancePhase(courseId: Id, hotseatId: Id, from: HotseatPhase, to: HotseatPhase, now: Date): Promise<boolean> {
    // Compare-and-set in one conditional update of one document: of several processes announcing
    // the same transition, only the first still finds `from` in the filter.
    const result = await this.models.hotseats.updateOne(
      { _id: hotseatId, courseId, phase: from },
      { $set: { phase: to, updatedAt: now } },
      { session: this.ctx.session },
    );
    return result.matchedCount === 1;
  }

  async listUnsettled(): Promise<Hotseat[]> {
    // `$type: 'date'` (not `$ne: null`) so the query matches the partial index's filter and uses it.
    const docs = await this.models.hotseats
      .find({ publishedAt: { $type: 'date' }, phase: { $ne: 'closed' } }, null, { session: this.ctx.session })
      .sort({ _id: 1 })
      .lean<HotseatDoc[]>();
    return docs.map(toHotseat);
  }
}

const toHost = (doc: HotseatHostDoc): HotseatHost => ({
  hotseatId: doc.hotseatId, courseId: doc.courseId, personId: doc.personId, kind: doc.kind, bio: doc.bio ?? null, addedAt: doc.addedAt,
});

export class MongoHotseatHosts implements HotseatHostRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: HotseatModels) {}

  async add(host: HotseatHost): Promise<void> {
    // Adding again changes nothing. The filter is exactly the unique index's key, so the server
    // itself retries an upsert that loses a race to insert.
    await this.models.hotseatHosts.updateOne(
      { hotseatId: host.hotseatId, personId: host.personId },
      { $setOnInsert: { courseId: host.courseId, kind: host.kind, bio: host.bio, addedAt: host.addedAt } },
      { upsert: true, session: this.ctx.session },
    );
  }

  async remove(hotseatId: Id, personId: Id): Promise<boolean> {
    const result = await this.models.hotseatHosts.deleteOne({ hotseatId, personId }, { session: this.ctx.session });
    return result.deletedCount === 1;
  }

  async find(hotseatId: Id, personId: Id): Promise<HotseatHost | null> {
    const doc = await this.models.hotseatHosts.findOne({ hotseatId, personId }, null, { session: this.ctx.session }).lean<HotseatHostDoc>();
    return doc ? toHost(doc) : null;
  }

  async listByHotseat(hotseatId: Id): Promise<HotseatHost[]> {
    const docs = await this.models.hotseatHosts
      .find({ hotseatId }, null, { session: this.ctx.session })
      .sort({ addedAt: 1, personId: 1 })
      .lean<HotseatHostDoc[]>();
    return docs.map(toHost);
  }

  async listByPerson(personId: Id): Promise<HotseatHost[]> {
    const docs = await this.models.hotseatHosts
      .find({ personId }, null, { session: this.ctx.session })
      .sort({ addedAt: -1, hotseatId: 1 })
      .lean<HotseatHostDoc[]>();
    return docs.map(toHost);
  }
}

export class MongoHotseatInvitations implements HotseatInvitationRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: HotseatModels) {}

  async create(invitation: HotseatInvitation): Promise<void> {
    // A reused token hash is a duplicate `_id` and rejects.
    const { tokenHash, ...rest } = invitation;
    await this.models.hotseatInvitations.create([{ _id: tokenHash, ...rest }], { session: this.ctx.session });
  }

  async find(tokenHash: string): Promise<HotseatInvitation | null> {
    const doc = await this.models.hotseatInvitations.findById(tokenHash, null, { session: this.ctx.session }).lean<HotseatInvitationDoc>();
    return doc ? {
      tokenHash: doc._id, hotseatId: doc.hotseatId, courseId: doc.courseId, createdBy: doc.createdBy, createdAt: doc.createdAt,
      expiresAt: doc.expiresAt, usedAt: doc.usedAt ?? null, usedBy: doc.usedBy ?? null,
    } : null;
  }

  async use(tokenHash: string, personId: Id, now: Date): Promise<boolean> {
    // One conditional update of one document: of two tabs racing, only one still finds it unused.
    const result = await this.models.hotseatInvitations.updateOne(
      { _id: tokenHash, usedAt: null, expiresAt: { $gt: now } },
      { $set: { usedAt: now, usedBy: personId } },
      { session: this.ctx.session },
    );
    return result.matchedCount === 1;
  }
}
