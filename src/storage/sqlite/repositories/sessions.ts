import type { Session } from '../../../domain/launch';
import type { SessionRepository } from '../../ports';
import { toDate, toMillis, type SqliteContext } from '../rows';

interface SessionRow { token_hash: string; person_id: string; created_at: number; expires_at: number; scope: 'launch' | 'alumni'; locale: string | null }

const toSession = (row: SessionRow): Session => ({
  tokenHash: row.token_hash, personId: row.person_id,
  createdAt: toDate(row.created_at), expiresAt: toDate(row.expires_at), scope: row.scope, locale: row.locale,
});

export class SqliteSessions implements SessionRepository {
  private readonly insert;
  private readonly active;
  private readonly remove;
  private readonly removeExpired;

  constructor(private readonly ctx: SqliteContext) {
    this.insert = ctx.db.prepare(
      'INSERT INTO sessions (token_hash, person_id, created_at, expires_at, scope, locale) VALUES (?, ?, ?, ?, ?, ?)');
    this.active = ctx.db.prepare<[string, number], SessionRow>(
      'SELECT * FROM sessions WHERE token_hash = ? AND expires_at > ?');
    this.remove = ctx.db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    this.removeExpired = ctx.db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  }

  async create(session: Session): Promise<void> {
    await this.ctx.write(() => this.insert.run(
      session.tokenHash, session.personId, toMillis(session.createdAt), toMillis(session.expiresAt), session.scope ?? 'launch', session.locale ?? null));
  }

  async findActive(tokenHash: string, now: Date): Promise<Session | null> {
    const row = this.active.get(tokenHash, toMillis(now));
    return row ? toSession(row) : null;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.ctx.write(() => this.remove.run(tokenHash));
  }

  deleteExpired(now: Date): Promise<number> {
    return this.ctx.write(() => this.removeExpired.run(toMillis(now)).changes);
  }
}
