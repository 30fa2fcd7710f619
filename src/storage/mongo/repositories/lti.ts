import type { Id } from '../../../domain/ids';
import type { Membership } from '../../../domain/membership';
import type {
  CourseLtiServices, CourseLtiServicesRepository, LtiTicket, LtiTicketKind, LtiTicketRepository, RosterRepository, RosterSyncResult,
} from '../../lti-ports';
import type { MongoContext } from '../context';
import type { CourseLtiServicesDoc, LtiModels, LtiTicketDoc } from '../lti-schemas';
import type { MembershipDoc } from '../schemas';

const toTicket = (doc: LtiTicketDoc): LtiTicket => ({
  kind: doc.kind, id: doc.ticketId, data: doc.data, createdAt: doc.createdAt, expiresAt: doc.expiresAt,
});

export class MongoLtiTickets implements LtiTicketRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: LtiModels) {}

  async create(ticket: LtiTicket): Promise<void> {
    // A reused (kind, id) breaks the unique index and rejects with a duplicate-key error.
    await this.models.ltiTickets.create([{
      kind: ticket.kind, ticketId: ticket.id, data: ticket.data, createdAt: ticket.createdAt, expiresAt: ticket.expiresAt,
    }], { session: this.ctx.session });
  }

  async find(kind: LtiTicketKind, id: string, now: Date): Promise<LtiTicket | null> {
    const doc = await this.models.ltiTickets
      .findOne({ kind, ticketId: id, expiresAt: { $gt: now } }, null, { session: this.ctx.session })
      .lean<LtiTicketDoc>();
    return doc ? toTicket(doc) : null;
  }

  async take(kind: LtiTicketKind, id: string, now: Date): Promise<LtiTicket | null> {
    // findOneAndDelete is one atomic step: of several racing callers, only one gets the document.
    const doc = await this.models.ltiTickets
      .findOneAndDelete({ kind, ticketId: id }, { session: this.ctx.session })
      .lean<LtiTicketDoc>();
    return doc && doc.expiresAt.getTime() > now.getTime() ? toTicket(doc) : null;
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.models.ltiTickets.deleteMany({ expiresAt: { $lte: now } }, { session: this.ctx.session });
    return result.deletedCount;
  }
}

const toServices = (doc: CourseLtiServicesDoc): CourseLtiServices => ({
  courseId: doc._id, issuer: doc.issuer, clientId: doc.clientId, deploymentId: doc.deploymentId,
  membershipsUrl: doc.membershipsUrl ?? null, lineItemsUrl: doc.lineItemsUrl ?? null, gradeScopes: doc.gradeScopes ?? [],
  updatedAt: doc.updatedAt,
  roster: {
    lastAttemptAt: doc.rosterLastAttemptAt ?? null, lastSuccessAt: doc.rosterLastSuccessAt ?? null,
    lastError: doc.rosterLastError ?? null, memberCount: doc.rosterMemberCount ?? null, claimedUntil: doc.rosterClaimedUntil ?? null,
  },
});

export class MongoCourseLtiServices implements CourseLtiServicesRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: LtiModels) {}

  recordEndpoints(input: Parameters<CourseLtiServicesRepository['recordEndpoints']>[0]): Promise<CourseLtiServices> {
    // Read and write in one transaction: an endpoint missing from this launch keeps the stored one.
    return this.ctx.atomically(async (session) => {
      const existing = await this.models.courseLtiServices.findById(input.courseId, null, { session }).lean<CourseLtiServicesDoc>();
      const grades = input.lineItemsUrl
        ? { lineItemsUrl: input.lineItemsUrl, gradeScopes: input.gradeScopes }
        : { lineItemsUrl: existing?.lineItemsUrl ?? null, gradeScopes: existing?.gradeScopes ?? [] };
      const doc = await this.models.courseLtiServices.findOneAndUpdate(
        { _id: input.courseId },
        {
          $set: {
            issuer: input.issuer, clientId: input.clientId, deploymentId: input.deploymentId, updatedAt: input.now,
            membershipsUrl: input.membershipsUrl ?? existing?.membershipsUrl ?? null, ...grades,
          },
        },
        { upsert: true, new: true, session, setDefaultsOnInsert: true },
      ).lean<CourseLtiServicesDoc>();
      return toServices(doc!);
    });
  }

  async find(courseId: Id): Promise<CourseLtiServices | null> {
    const doc = await this.models.courseLtiServices.findById(courseId, null, { session: this.ctx.session }).lean<CourseLtiServicesDoc>();
    return doc ? toServices(doc) : null;
  }

  async listDueForRosterSync(staleBefore: Date, limit: number): Promise<Id[]> {
    const docs = await this.models.courseLtiServices
      .find(
        { membershipsUrl: { $type: 'string' }, $or: [{ rosterLastAttemptAt: null }, { rosterLastAttemptAt: { $lt: staleBefore } }] },
        { _id: 1 },
        { session: this.ctx.session },
      )
      .sort({ rosterLastAttemptAt: 1, _id: 1 })
      .limit(limit)
      .lean<Array<{ _id: string }>>();
    return docs.map((doc) => doc._id);
  }

  async claimRosterSync(courseId: Id, now: Date, until: Date): Promise<boolean> {
    // One conditional update of one document: of two racing claimers, only one matches.
    const result = await this.models.courseLtiServices.updateOne(
      { _id: courseId, $or: [{ rosterClaimedUntil: null }, { rosterClaimedUntil: { $lte: now } }] },
      { $set: { rosterClaimedUntil: until, rosterLastAttemptAt: now } },
      { session: this.ctx.session },
    );
    return result.matchedCount === 1;
  }

  async recordRosterSync(courseId: Id, result: RosterSyncResult): Promise<void> {
    const set = result.ok
      ? { rosterLastAttemptAt: result.at, rosterLastSuccessAt: result.at, rosterLastError: null, rosterMemberCount: result.memberCount, rosterClaimedUntil: null }
      : { rosterLastAttemptAt: result.at, rosterLastError: result.error, rosterClaimedUntil: null };
    await this.models.courseLtiServices.updateOne({ _id: courseId }, { $set: set }, { session: this.ctx.session });
  }
}

const toMembership = (doc: MembershipDoc): Membership => ({
  courseId: doc.courseId, personId: doc.personId, role: doc.role, ltiRoles: doc.ltiRoles,
  firstLaunchAt: doc.firstLaunchAt, lastLaunchAt: doc.lastLaunchAt,
  source: doc.source ?? 'launch', removedAt: doc.removedAt ?? null,
});

/** The roster's view of the memberships collection (see RosterRepository). */
export class MongoRoster implements RosterRepository {
  constructor(private readonly ctx: MongoContext) {}

  upsertListed(input: Parameters<RosterRepository['upsertListed']>[0]): Promise<Membership> {
    return this.ctx.atomically(async (session) => {
      const filter = { courseId: input.courseId, personId: input.personId };
      const existing = await this.ctx.models.memberships.findOne(filter, { source: 1 }, { session }).lean<Pick<MembershipDoc, 'source'>>();
      // For a roster-only member the launch times record when the roster first and last listed them.
      const seen = existing && existing.source === 'roster' ? { lastLaunchAt: input.now } : {};
      const doc = await this.ctx.models.memberships.findOneAndUpdate(
        filter,
        {
          $set: { role: input.role, ltiRoles: input.ltiRoles, removedAt: null, ...seen },
          ...(existing ? {} : { $setOnInsert: { firstLaunchAt: input.now, lastLaunchAt: input.now, source: 'roster' } }),
        },
        { upsert: true, new: true, session },
      ).lean<MembershipDoc>();
      return toMembership(doc!);
    });
  }

  async markRemovedExcept(courseId: Id, keep: readonly Id[], now: Date): Promise<number> {
    // `removedAt: null` also matches documents written before the field existed.
    const result = await this.ctx.models.memberships.updateMany(
      { courseId, removedAt: null, personId: { $nin: [...keep] } },
      { $set: { removedAt: now } },
      { session: this.ctx.session },
    );
    return result.modifiedCount;
  }

  async listMembers(courseId: Id, options: { includeRemoved: boolean }): Promise<Membership[]> {
    const docs = await this.ctx.models.memberships
      .find(options.includeRemoved ? { courseId } : { courseId, removedAt: null }, null, { session: this.ctx.session })
      .sort({ firstLaunchAt: 1, personId: 1 })
      .lean<MembershipDoc[]>();
    return docs.map(toMembership);
  }
}
