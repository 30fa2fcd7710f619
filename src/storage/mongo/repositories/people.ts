import type { Id } from '../../../domain/ids';
import type { Person } from '../../../domain/person';
import type { PersonRepository } from '../../ports';
import type { MongoContext } from '../context';
import type { PersonDoc } from '../schemas';

const toPerson = (doc: PersonDoc): Person => ({
  id: doc._id, issuer: doc.issuer, subject: doc.subject, name: doc.name ?? null, givenName: doc.givenName ?? null,
  familyName: doc.familyName ?? null, email: doc.email ?? null, locale: doc.locale ?? null, createdAt: doc.createdAt,
});

export class MongoPeople implements PersonRepository {
  constructor(private readonly ctx: MongoContext) {}

  async upsertByIdentity(
    identity: { issuer: string; subject: string },
    details: { id: Id; name: string | null; givenName: string | null; familyName: string | null; email: string | null; now: Date; locale?: string | null },
  ): Promise<Person> {
    // A launch sets the locale (null included); roster syncs and invitations leave it as it is.
    const locale = details.locale === undefined ? {} : { locale: details.locale };
    const doc = await this.ctx.models.people.findOneAndUpdate(
      { issuer: identity.issuer, subject: identity.subject },
      {
        $set: { name: details.name, givenName: details.givenName, familyName: details.familyName, email: details.email, ...locale },
        $setOnInsert: { _id: details.id, createdAt: details.now },
      },
      { upsert: true, new: true, session: this.ctx.session },
    ).lean<PersonDoc>();
    return toPerson(doc!); // an upsert asked for the new document always returns one
  }

  async findById(id: Id): Promise<Person | null> {
    const doc = await this.ctx.models.people.findById(id, null, { session: this.ctx.session }).lean<PersonDoc>();
    return doc ? toPerson(doc) : null;
  }

  async findByIds(ids: readonly Id[]): Promise<Person[]> {
    if (ids.length === 0) return [];
    const docs = await this.ctx.models.people
      .find({ _id: { $in: [...new Set(ids)] } }, null, { session: this.ctx.session })
      .lean<PersonDoc[]>();
    return docs.map(toPerson);
  }
}
