import type { Id } from '../../../domain/ids';
import type { Person } from '../../../domain/person';
import type { PersonRepository } from '../../ports';
import { toDate, toMillis, type SqliteContext } from '../rows';

interface PersonRow {
  id: string; issuer: string; subject: string; name: string | null; given_name: string | null;
  family_name: string | null; email: string | null; locale: string | null; created_at: number;
}

const toPerson = (row: PersonRow): Person => ({
  id: row.id, issuer: row.issuer, subject: row.subject, name: row.name, givenName: row.given_name,
  familyName: row.family_name, email: row.email, locale: row.locale, createdAt: toDate(row.created_at),
});

export class SqlitePeople implements PersonRepository {
  private readonly upsert;
  private readonly byIdentity;
  private readonly byId;

  constructor(private readonly ctx: SqliteContext) {
    this.upsert = ctx.db.prepare(`
      INSERT INTO people (id, issuer, subject, name, given_name, family_name, email, locale, created_at)
      VALUES (@id, @issuer, @subject, @name, @givenName, @familyName, @email, @locale, @now)
      ON CONFLICT (issuer, subject) DO UPDATE SET
        name = excluded.name, given_name = excluded.given_name,
        family_name = excluded.family_name, email = excluded.email,
        locale = CASE WHEN @setLocale = 1 THEN excluded.locale ELSE people.locale END`);
    this.byIdentity = ctx.db.prepare<[string, string], PersonRow>('SELECT * FROM people WHERE issuer = ? AND subject = ?');
    this.byId = ctx.db.prepare<[string], PersonRow>('SELECT * FROM people WHERE id = ?');
  }

  upsertByIdentity(
    identity: { issuer: string; subject: string },
    details: { id: Id; name: string | null; givenName: string | null; familyName: string | null; email: string | null; now: Date; locale?: string | null },
  ): Promise<Person> {
    return this.ctx.write(() => {
      this.upsert.run({ ...identity, ...details, locale: details.locale ?? null, setLocale: details.locale === undefined ? 0 : 1, now: toMillis(details.now) });
      return toPerson(this.byIdentity.get(identity.issuer, identity.subject)!);
    });
  }

  async findById(id: Id): Promise<Person | null> {
    const row = this.byId.get(id);
    return row ? toPerson(row) : null;
  }

  async findByIds(ids: readonly Id[]): Promise<Person[]> {
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    const rows = this.ctx.db
      .prepare<string[], PersonRow>(`SELECT * FROM people WHERE id IN (${unique.map(() => '?').join(',')})`)
      .all(...unique);
    return rows.map(toPerson);
  }
}
