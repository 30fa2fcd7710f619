import type { Id } from '../../../domain/ids';
import type { Membership } from '../../../domain/membership';
import type { MembershipRepository } from '../../ports';
import type { MongoContext } from '../context';
import type { MembershipDoc } from '../schemas';

const toMembership = (doc: MembershipDoc): Membership => ({
  courseId: doc.courseId, personId: doc.personId, role: doc.role, ltiRoles: doc.ltiRoles,
  firstLaunchAt: doc.firstLaunchAt, lastLaunchAt: doc.lastLaunchAt,
});

export class MongoMemberships implements MembershipRepository {
  constructor(private readonly ctx: MongoContext) {}

  async recordLaunch(input: Pick<Membership, 'courseId' | 'personId' | 'role' | 'ltiRoles'> & { now: Date }): Promise<Membership> {
    const doc = await this.ctx.models.memberships.findOneAndUpdate(
      { courseId: input.courseId, personId: input.personId },
      {
        $set: { role: input.role, ltiRoles: input.ltiRoles, lastLaunchAt: input.now },
        $setOnInsert: { firstLaunchAt: input.now },
      },
      { upsert: true, new: true, session: this.ctx.session },
    ).lean<MembershipDoc>();
    return toMembership(doc!); // an upsert asked for the new document always returns one
  }

  async find(courseId: Id, personId: Id): Promise<Membership | null> {
    const doc = await this.ctx.models.memberships
      .findOne({ courseId, personId }, null, { session: this.ctx.session })
      .lean<MembershipDoc>();
    return doc ? toMembership(doc) : null;
  }

  countByCourse(courseId: Id): Promise<number> {
    return this.ctx.models.memberships.countDocuments({ courseId }, { session: this.ctx.session }).exec();
  }
}
