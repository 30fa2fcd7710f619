import type { Id } from '../../../domain/ids';
import type { Membership } from '../../../domain/membership';
import type { MembershipRepository } from '../../ports';
import type { MongoContext } from '../context';
import type { MembershipDoc } from '../schemas';

const toMembership = (doc: MembershipDoc): Membership => ({
  courseId: doc.courseId, personId: doc.personId, role: doc.role, ltiRoles: doc.ltiRoles,
  firstLaunchAt: doc.firstLaunchAt, lastLaunchAt: doc.lastLaunchAt,
  source: doc.source ?? 'launch', removedAt: doc.removedAt ?? null,
});

export class MongoMemberships implements MembershipRepository {
  constructor(private readonly ctx: MongoContext) {}

  async recordLaunch(input: Pick<Membership, 'courseId' | 'personId' | 'role' | 'ltiRoles'> & { now: Date }): Promise<Membership> {
    // A launch proves enrolment: it clears a roster removal, and the first launch of someone the
    // roster listed starts their launch times. Read and write in one transaction, so they agree.
    return this.ctx.atomically(async (session) => {
      const filter = { courseId: input.courseId, personId: input.personId };
      const existing = await this.ctx.models.memberships.findOne(filter, { source: 1 }, { session }).lean<Pick<MembershipDoc, 'source'>>();
      const firstLaunch = existing?.source === 'roster' ? { firstLaunchAt: input.now } : {};
      const doc = await this.ctx.models.memberships.findOneAndUpdate(
        filter,
        {
          $set: { role: input.role, ltiRoles: input.ltiRoles, lastLaunchAt: input.now, source: 'launch', removedAt: null, ...firstLaunch },
          ...(existing ? {} : { $setOnInsert: { firstLaunchAt: input.now } }),
        },
        { upsert: true, new: true, session },
      ).lean<MembershipDoc>();
      return toMembership(doc!); // an upsert asked for the new document always returns one
    });
  }

  async find(courseId: Id, personId: Id): Promise<Membership | null> {
    const doc = await this.ctx.models.memberships
      .findOne({ courseId, personId }, null, { session: this.ctx.session })
      .lean<MembershipDoc>();
    return doc ? toMembership(doc) : null;
  }

  countByCourse(courseId: Id): Promise<number> {
    // Members the roster removed are not counted or listed: they are no longer in the course.
    return this.ctx.models.memberships.countDocuments({ courseId, removedAt: null }, { session: this.ctx.session }).exec();
  }

  async listByCourse(courseId: Id): Promise<Membership[]> {
    const docs = await this.ctx.models.memberships
      .find({ courseId, removedAt: null }, null, { session: this.ctx.session })
      .sort({ firstLaunchAt: 1, personId: 1 })
      .lean<MembershipDoc[]>();
    return docs.map(toMembership);
  }
}
