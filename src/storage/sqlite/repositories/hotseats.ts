import type { Hotseat, HotseatHost, HotseatInvitation, HotseatPhase } from '../../../domain/hotseat';
import type { Id } from '../../../domain/ids';
import type { HotseatHostRepository, HotseatInvitationRepository, HotseatPatch, HotseatRepository } from '../../hotseat-ports';
import { sqlValue, toDate, toMillis, type SqliteContext } from '../rows';

interface HotseatRow {
  id: string; course_id: string; title: string; description_source: string; description_html: string; created_by: string;
  published_at: number | null; opens_at: number; starts_at: number; ends_at: number; phase: HotseatPhase; premoderation: number;
  convert_on_close: number; answering_question_id: string | null; created_at: number; updated_at: number;
}

const dateOrNull = (millis: number | null) => (millis === null ? null : toDate(millis));

const toHotseat = (row: HotseatRow): Hotseat => ({
  id: row.id, courseId: row.course_id, title: row.title, descriptionSource: row.description_source, descriptionHtml: row.description_html,
  createdBy: row.created_by, publishedAt: dateOrNull(row.published_at), opensAt: toDate(row.opens_at), startsAt: toDate(row.starts_at),
  endsAt: toDate(row.ends_at), phase: row.phase, premoderation: row.premoderation === 1, convertOnClose: row.convert_on_close === 1,
  answeringQuestionId: row.answering_question_id, createdAt: toDate(row.created_at), updatedAt: toDate(row.updated_at),
});

const PATCH_COLUMNS: Record<keyof HotseatPatch, string> = {
  title: 'title', descriptionSource: 'description_source', descriptionHtml: 'description_html', publishedAt: 'published_at',
  opensAt: 'opens_at', startsAt: 'starts_at', endsAt: 'ends_at', premoderation: 'premoderation', convertOnClose: 'convert_on_close',
  answeringQuestionId: 'answering_question_id', updatedAt: 'updated_at',
};

/** `UPDATE ... SET` for the keys present in a patch; `undefined` means "leave as is", null is a value. */
export function patchStatement<P extends object>(patch: P, columns: Record<keyof P, string>) {
  const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as Array<[keyof P & string, unknown]>;
  return {
    sets: entries.map(([key]) => `${columns[key]} = @${key}`).join(', '),
    values: Object.fromEntries(entries.map(([key, value]) => [key, sqlValue(value)])),
  };
}

export class SqliteHotseats implements HotseatRepository {
  private readonly one;

  constructor(private readonly ctx: SqliteContext) {
    this.one = ctx.db.prepare<[string, string], HotseatRow>('SELECT * FROM hotseats WHERE course_id = ? AND id = ?');
  }

  async create(hotseat: Hotseat): Promise<void> {
    const values = Object.fromEntries(Object.entries(hotseat).map(([key, value]) => [key, sqlValue(value)]));
    await this.ctx.write(() => this.ctx.db.prepare(`
      INSERT INTO hotseats (id, course_id, title, description_source, description_html, created_by, published_at, opens_at,
        starts_at, ends_at, phase, premoderation, convert_on_close, answering_question_id, created_at, updated_at)
      VALUES (@id, @courseId, @title, @descriptionSource, @descriptionHtml, @createdBy, @publishedAt, @opensAt,
        @startsAt, @endsAt, @phase, @premoderation, @convertOnClose, @answeringQuestionId, @createdAt, @updatedAt)`).run(values));
  }

  async findById(courseId: Id, hotseatId: Id): Promise<Hotseat | null> {
    const row = this.one.get(courseId, hotseatId);
    return row ? toHotseat(row) : null;
  }

  async listByCourse(courseId: Id): Promise<Hotseat[]> {
    return this.ctx.db.prepare<[string], HotseatRow>('SELECT * FROM hotseats WHERE course_id = ? ORDER BY starts_at, id').all(courseId).map(toHotseat);
  }

  update(courseId: Id, hotseatId: Id, patch: HotseatPatch): Promise<Hotseat | null> {
    return this.ctx.write(() => {
      const { sets, values } = patchStatement(patch, PATCH_COLUMNS);
      if (sets) this.ctx.db.prepare(`UPDATE hotseats SET ${sets} WHERE course_id = @courseId AND id = @hotseatId`).run({ ...values, courseId, hotseatId });
      const row = this.one.get(courseId, hotseatId);
      return row ? toHotseat(row) : null;
    });
  }

  advancePhase(courseId: Id, hotseatId: Id, from: HotseatPhase, to: HotseatPhase, now: Date): Promise<boolean> {
    return this.ctx.write(() => this.ctx.db
      .prepare('UPDATE hotseats SET phase = ?, updated_at = ? WHERE course_id = ? AND id = ? AND phase = ?')
      .run(to, toMillis(now), courseId, hotseatId, from).changes === 1);
  }

  async listUnsettled(): Promise<Hotseat[]> {
    return this.ctx.db
      .prepare<[], HotseatRow>("SELECT * FROM hotseats WHERE published_at IS NOT NULL AND phase <> 'closed' ORDER BY id")
      .all().map(toHotseat);
  }
}

interface HostRow { hotseat_id: string; course_id: string; person_id: string; kind: HotseatHost['kind']; bio: string | null; added_at: number }

const toHost = (row: HostRow): HotseatHost => ({
  hotseatId: row.hotseat_id, courseId: row.course_id, personId: row.person_id, kind: row.kind, bio: row.bio, addedAt: toDate(row.added_at),
});

export class SqliteHotseatHosts implements HotseatHostRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async add(host: HotseatHost): Promise<void> {
    await this.ctx.write(() => this.ctx.db
      .prepare('INSERT OR IGNORE INTO hotseat_hosts (hotseat_id, course_id, person_id, kind, bio, added_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(host.hotseatId, host.courseId, host.personId, host.kind, host.bio, toMillis(host.addedAt)));
  }

  remove(hotseatId: Id, personId: Id): Promise<boolean> {
    return this.ctx.write(() => this.ctx.db.prepare('DELETE FROM hotseat_hosts WHERE hotseat_id = ? AND person_id = ?').run(hotseatId, personId).changes === 1);
  }

  async find(hotseatId: Id, personId: Id): Promise<HotseatHost | null> {
    const row = this.ctx.db.prepare<[string, string], HostRow>('SELECT * FROM hotseat_hosts WHERE hotseat_id = ? AND person_id = ?').get(hotseatId, personId);
    return row ? toHost(row) : null;
  }

  async listByHotseat(hotseatId: Id): Promise<HotseatHost[]> {
    return this.ctx.db.prepare<[string], HostRow>('SELECT * FROM hotseat_hosts WHERE hotseat_id = ? ORDER BY added_at, person_id').all(hotseatId).map(toHost);
  }

  async listByPerson(personId: Id): Promise<HotseatHost[]> {
    return this.ctx.db.prepare<[string], HostRow>('SELECT * FROM hotseat_hosts WHERE person_id = ? ORDER BY added_at DESC, hotseat_id').all(personId).map(toHost);
  }
}

interface InvitationRow {
  token_hash: string; hotseat_id: string; course_id: string; created_by: string; created_at: number; expires_at: number;
  used_at: number | null; used_by: string | null;
}

export class SqliteHotseatInvitations implements HotseatInvitationRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async create(invitation: HotseatInvitation): Promise<void> {
    await this.ctx.write(() => this.ctx.db
      .prepare('INSERT INTO hotseat_invitations (token_hash, hotseat_id, course_id, created_by, created_at, expires_at, used_at, used_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(invitation.tokenHash, invitation.hotseatId, invitation.courseId, invitation.createdBy, toMillis(invitation.createdAt),
        toMillis(invitation.expiresAt), invitation.usedAt ? toMillis(invitation.usedAt) : null, invitation.usedBy));
  }

  async find(tokenHash: string): Promise<HotseatInvitation | null> {
    const row = this.ctx.db.prepare<[string], InvitationRow>('SELECT * FROM hotseat_invitations WHERE token_hash = ?').get(tokenHash);
    return row ? {
      tokenHash: row.token_hash, hotseatId: row.hotseat_id, courseId: row.course_id, createdBy: row.created_by, createdAt: toDate(row.created_at),
      expiresAt: toDate(row.expires_at), usedAt: dateOrNull(row.used_at), usedBy: row.used_by,
    } : null;
  }

  use(tokenHash: string, personId: Id, now: Date): Promise<boolean> {
    return this.ctx.write(() => this.ctx.db
      .prepare('UPDATE hotseat_invitations SET used_at = ?, used_by = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?')
      .run(toMillis(now), personId, tokenHash, toMillis(now)).changes === 1);
  }
}
