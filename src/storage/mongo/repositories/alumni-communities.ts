import type { AlumniCourse, Alumnus, Community } from '../../../domain/alumni';
import type { Id } from '../../../domain/ids';
import type { AlumniCourseRepository, AlumnusRepository, CommunityRepository } from '../../alumni-ports';
import type { AlumniCourseDoc, AlumniModels, AlumnusDoc, CommunityDoc, CommunityPersonDoc } from '../alumni-schemas';
import type { MongoContext } from '../context';

const toCommunity = (doc: CommunityDoc): Community => ({
  id: doc._id, name: doc.name, joinCode: doc.joinCode, spaceCourseId: doc.spaceCourseId, learnerAccess: doc.learnerAccess,
  quietDays: doc.quietDays, createdBy: doc.createdBy, createdAt: doc.createdAt,
});

export class MongoCommunities implements CommunityRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: AlumniModels) {}

  async create(c: Community): Promise<void> {
    // A reused join code or space course breaks a unique index and rejects.
    await this.models.communities.create([{
      _id: c.id, name: c.name, joinCode: c.joinCode, joinCodeKey: c.joinCode.toLowerCase(), spaceCourseId: c.spaceCourseId,
      learnerAccess: c.learnerAccess, quietDays: c.quietDays, createdBy: c.createdBy, createdAt: c.createdAt,
    }], { session: this.ctx.session });
  }

  private async one(filter: Record<string, unknown>): Promise<Community | null> {
    const doc = await this.models.communities.findOne(filter, null, { session: this.ctx.session }).lean<CommunityDoc>();
    return doc ? toCommunity(doc) : null;
  }

  findById(id: Id) { return this.one({ _id: id }); }
  findBySpaceCourse(courseId: Id) { return this.one({ spaceCourseId: courseId }); }
  findByJoinCode(code: string) { return this.one({ joinCodeKey: code.trim().toLowerCase() }); }

  async listByIds(ids: readonly Id[]): Promise<Community[]> {
    if (ids.length === 0) return [];
    const docs = await this.models.communities.find({ _id: { $in: [...new Set(ids)] } }, null, { session: this.ctx.session })
      .sort({ name: 1, _id: 1 }).lean<CommunityDoc[]>();
    return docs.map(toCommunity);
  }

  async update(id: Id, patch: Partial<Pick<Community, 'name' | 'learnerAccess' | 'quietDays'>>): Promise<Community | null> {
    const set = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const doc = await this.models.communities.findOneAndUpdate({ _id: id }, { $set: set }, { new: true, session: this.ctx.session }).lean<CommunityDoc>();
    return doc ? toCommunity(doc) : null;
  }
}

const toAlumniCourse = (doc: AlumniCourseDoc): AlumniCourse => ({
  courseId: doc._id, endsAt: doc.endsAt ?? null, copiedFrom: doc.copiedFrom ?? [], term: doc.term ?? null, communityId: doc.communityId ?? null,
  cohortLabel: doc.cohortLabel ?? null, linkedBy: doc.linkedBy ?? null, linkedAt: doc.linkedAt ?? null, graduatedAt: doc.graduatedAt ?? null,
  graduatedBy: doc.graduatedBy ?? null, updatedAt: doc.updatedAt,
});

export class MongoAlumniCourses implements AlumniCourseRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: AlumniModels) {}

  async recordFacts(courseId: Id, facts: { endsAt: Date | null; copiedFrom: string[]; term: string | null; now: Date }): Promise<AlumniCourse> {
    // Only what this launch carried is set: a missing fact keeps the stored one.
    const set: Record<string, unknown> = { updatedAt: facts.now };
    if (facts.endsAt) set.endsAt = facts.endsAt;
    if (facts.copiedFrom.length > 0) set.copiedFrom = facts.copiedFrom;
    if (facts.term) set.term = facts.term;
    const doc = await this.models.alumniCourses.findOneAndUpdate(
      { _id: courseId }, { $set: set }, { upsert: true, new: true, setDefaultsOnInsert: true, session: this.ctx.session },
    ).lean<AlumniCourseDoc>();
    return toAlumniCourse(doc!);
  }

  async find(courseId: Id): Promise<AlumniCourse | null> {
    const doc = await this.models.alumniCourses.findById(courseId, null, { session: this.ctx.session }).lean<AlumniCourseDoc>();
    return doc ? toAlumniCourse(doc) : null;
  }

  link(courseId: Id, link: { communityId: Id; cohortLabel: string; by: Id; now: Date }): Promise<boolean> {
    return this.ctx.atomically(async (session) => {
      await this.models.alumniCourses.updateOne({ _id: courseId }, { $setOnInsert: { updatedAt: link.now } }, { upsert: true, setDefaultsOnInsert: true, session });
      // Conditional on being unlinked: of two racing links, only one matches.
      const result = await this.models.alumniCourses.updateOne(
        { _id: courseId, communityId: null },
        { $set: { communityId: link.communityId, cohortLabel: link.cohortLabel, linkedBy: link.by, linkedAt: link.now, updatedAt: link.now } },
        { session },
      );
      return result.modifiedCount === 1;
    });
  }

  async setCohortLabel(courseId: Id, cohortLabel: string, now: Date): Promise<void> {
    await this.models.alumniCourses.updateOne({ _id: courseId }, { $set: { cohortLabel, updatedAt: now } }, { session: this.ctx.session });
  }

  async listByCommunity(communityId: Id): Promise<AlumniCourse[]> {
    const docs = await this.models.alumniCourses.find({ communityId }, null, { session: this.ctx.session }).sort({ linkedAt: 1, _id: 1 }).lean<AlumniCourseDoc[]>();
    return docs.map(toAlumniCourse);
  }

  async listDueForGraduation(now: Date, limit: number): Promise<Id[]> {
    const docs = await this.models.alumniCourses
      .find({ communityId: { $ne: null }, graduatedAt: null, endsAt: { $ne: null, $lte: now } }, { _id: 1 }, { session: this.ctx.session })
      .sort({ endsAt: 1, _id: 1 }).limit(limit).lean<Array<{ _id: string }>>();
    return docs.map((d) => d._id);
  }

  async markGraduated(courseId: Id, at: Date, by: Id | null): Promise<boolean> {
    const result = await this.models.alumniCourses.updateOne(
      { _id: courseId, graduatedAt: null, communityId: { $ne: null } },
      { $set: { graduatedAt: at, graduatedBy: by, updatedAt: at } },
      { session: this.ctx.session },
    );
    return result.modifiedCount === 1;
  }

  async findLinkedByContext(issuer: string, clientId: string, contextIds: readonly string[]): Promise<AlumniCourse | null> {
    if (contextIds.length === 0) return null;
    const courses = await this.ctx.models.courses
      .find({ issuer, clientId, contextId: { $in: [...contextIds] } }, { _id: 1, contextId: 1 }, { session: this.ctx.session })
      .lean<Array<{ _id: string; contextId: string }>>();
    const linked = await this.models.alumniCourses
      .find({ _id: { $in: courses.map((c) => c._id) }, communityId: { $ne: null } }, null, { session: this.ctx.session })
      .lean<AlumniCourseDoc[]>();
    for (const contextId of contextIds) {
      const ids = new Set(courses.filter((c) => c.contextId === contextId).map((c) => c._id));
      const doc = linked.find((d) => ids.has(d._id));
      if (doc) return toAlumniCourse(doc);
    }
    return null;
  }

  async communitiesStaffedBy(personId: Id): Promise<Id[]> {
    const staffed = await this.ctx.models.memberships.find({ personId, role: 'staff', removedAt: null }, { courseId: 1 }, { session: this.ctx.session })
      .lean<Array<{ courseId: string }>>();
    const links = await this.models.alumniCourses.find(
      { _id: { $in: staffed.map((m) => m.courseId) }, communityId: { $ne: null } }, { communityId: 1 }, { session: this.ctx.session },
    ).lean<Array<{ communityId: string }>>();
    return [...new Set(links.map((l) => l.communityId))].sort();
  }
}

const toAlumnus = (doc: AlumnusDoc): Alumnus => ({
  communityId: doc.communityId, personId: doc.personId, courseId: doc.courseId, cohortLabel: doc.cohortLabel, graduatedAt: doc.graduatedAt,
});

export class MongoAlumni implements AlumnusRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: AlumniModels) {}

  async add(records: readonly Alumnus[]): Promise<number> {
    let added = 0;
    // Upserts one after another (a transaction's session allows no parallel operations).
    for (const r of records) {
      const result = await this.models.alumni.updateOne(
        { communityId: r.communityId, personId: r.personId, courseId: r.courseId },
        { $setOnInsert: { cohortLabel: r.cohortLabel, graduatedAt: r.graduatedAt } },
        { upsert: true, session: this.ctx.session },
      );
      added += result.upsertedCount;
    }
    return added;
  }

  async listForPerson(communityId: Id, personId: Id): Promise<Alumnus[]> {
    const docs = await this.models.alumni.find({ communityId, personId }, null, { session: this.ctx.session }).sort({ graduatedAt: 1, courseId: 1 }).lean<AlumnusDoc[]>();
    return docs.map(toAlumnus);
  }

  async listAllForPerson(personId: Id): Promise<Alumnus[]> {
    const docs = await this.models.alumni.find({ personId }, null, { session: this.ctx.session }).sort({ graduatedAt: 1, courseId: 1 }).lean<AlumnusDoc[]>();
    return docs.map(toAlumnus);
  }

  countByCourse(courseId: Id): Promise<number> {
    return this.models.alumni.countDocuments({ courseId }, { session: this.ctx.session }).exec();
  }

  async recordDeparture(communityId: Id, personId: Id, at: Date): Promise<void> {
    await this.models.departures.updateOne({ communityId, personId }, { $setOnInsert: { at } }, { upsert: true, session: this.ctx.session });
  }

  async findDeparture(communityId: Id, personId: Id): Promise<Date | null> {
    const doc = await this.models.departures.findOne({ communityId, personId }, null, { session: this.ctx.session }).lean<CommunityPersonDoc>();
    return doc ? doc.at : null;
  }

  async formerMembersAmong(courseId: Id, personIds: readonly Id[]): Promise<Set<Id>> {
    if (personIds.length === 0) return new Set();
    const community = await this.models.communities.findOne({ spaceCourseId: courseId }, { _id: 1 }, { session: this.ctx.session }).lean<{ _id: string }>();
    if (!community) return new Set();
    const docs = await this.models.departures.find({ communityId: community._id, personId: { $in: [...new Set(personIds)] } }, { personId: 1 }, { session: this.ctx.session })
      .lean<Array<{ personId: string }>>();
    return new Set(docs.map((d) => d.personId));
  }

  async removeSpaceMembership(courseId: Id, personId: Id, at: Date): Promise<void> {
    await this.ctx.models.memberships.updateOne({ courseId, personId, removedAt: null }, { $set: { removedAt: at } }, { session: this.ctx.session });
  }

  async setMentor(communityId: Id, personId: Id, mentor: boolean, at: Date): Promise<void> {
    if (mentor) await this.models.mentors.updateOne({ communityId, personId }, { $setOnInsert: { at } }, { upsert: true, session: this.ctx.session });
    else await this.models.mentors.deleteOne({ communityId, personId }, { session: this.ctx.session });
  }

  async isMentor(communityId: Id, personId: Id): Promise<boolean> {
    return (await this.models.mentors.countDocuments({ communityId, personId }, { session: this.ctx.session })) > 0;
  }

  async listMentors(communityId: Id): Promise<Id[]> {
    const docs = await this.models.mentors.find({ communityId }, { personId: 1 }, { session: this.ctx.session }).sort({ at: 1, personId: 1 }).lean<Array<{ personId: string }>>();
    return docs.map((d) => d.personId);
  }
}
