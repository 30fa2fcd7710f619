import type { DigestDelivery, DigestFrequency, DigestPreference, DigestRetry } from '../../../domain/digest';
import type { Id } from '../../../domain/ids';
import type { Notification, NotificationKind } from '../../../domain/notifications';
import type { DigestClaim, DigestRecords, DigestRepositories, DigestRepository, NotificationWindow } from '../../digest-ports';
import { toDate, toMillis, type SqliteContext } from '../rows';

/** Placeholders for an IN (...) list of n values. */
const list = (n: number) => Array.from({ length: n }, () => '?').join(',');

export function sqliteDigestRepositories(ctx: SqliteContext): DigestRepositories {
  return { digests: new SqliteDigests(ctx) };
}

interface PreferenceRow { person_id: string; frequency: DigestFrequency; updated_at: number }
interface DeliveryRow { person_id: string; item_key: string; claim_id: string; claimed_at: number; sent_at: number | null }
interface RetryRow { person_id: string; attempts: number; retry_after: number; last_error: string; failed_at: number }
interface NotificationRow {
  id: string; person_id: string; course_id: string; kind: NotificationKind; thread_id: string; reply_id: string | null;
  actor_id: string; created_at: number; read_at: number | null;
}

const toPreference = (row: PreferenceRow): DigestPreference => ({ personId: row.person_id, frequency: row.frequency, updatedAt: toDate(row.updated_at) });
const toDelivery = (row: DeliveryRow): DigestDelivery => ({
  personId: row.person_id, itemKey: row.item_key, claimId: row.claim_id, claimedAt: toDate(row.claimed_at), sentAt: row.sent_at === null ? null : toDate(row.sent_at),
});
const toRetry = (row: RetryRow): DigestRetry => ({
  personId: row.person_id, attempts: row.attempts, retryAfter: toDate(row.retry_after), lastError: row.last_error, failedAt: toDate(row.failed_at),
});

export class SqliteDigests implements DigestRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async findPreference(personId: Id): Promise<DigestPreference | null> {
    const row = this.ctx.db.prepare<[string], PreferenceRow>('SELECT * FROM digest_preferences WHERE person_id = ?').get(personId);
    return row ? toPreference(row) : null;
  }

  async findPreferences(personIds: readonly Id[]): Promise<DigestPreference[]> {
    const ids = [...new Set(personIds)];
    if (ids.length === 0) return [];
    return this.ctx.db.prepare<string[], PreferenceRow>(`SELECT * FROM digest_preferences WHERE person_id IN (${list(ids.length)})`).all(...ids).map(toPreference);
  }

  async savePreference(p: DigestPreference): Promise<void> {
    await this.ctx.write(() => this.ctx.db
      .prepare(`INSERT INTO digest_preferences (person_id, frequency, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (person_id) DO UPDATE SET frequency = excluded.frequency, updated_at = excluded.updated_at`)
      .run(p.personId, p.frequency, toMillis(p.updatedAt)));
  }

  async listUnclaimedNotifications(window: NotificationWindow): Promise<Notification[]> {
    if (window.limit <= 0) return [];
    const after = window.after ?? null;
    // Reads the partial index notifications_unread_by_time; the claim check is one primary-key probe per row.
    const rows = this.ctx.db.prepare<unknown[], NotificationRow>(`
      SELECT n.* FROM notifications n
      WHERE n.read_at IS NULL AND n.created_at >= ? AND n.created_at < ?
        ${after ? 'AND (n.created_at > ? OR (n.created_at = ? AND n.id > ?))' : ''}
        AND NOT EXISTS (SELECT 1 FROM digest_deliveries d WHERE d.person_id = n.person_id AND d.item_key = 'notification:' || n.id)
      ORDER BY n.created_at, n.id LIMIT ?`)
      .all(toMillis(window.from), toMillis(window.to), ...(after ? [toMillis(after.createdAt), toMillis(after.createdAt), after.id] : []), window.limit);
    return rows.map((row) => ({
      id: row.id, personId: row.person_id, courseId: row.course_id, kind: row.kind, threadId: row.thread_id, replyId: row.reply_id,
      actorId: row.actor_id, createdAt: toDate(row.created_at), readAt: row.read_at === null ? null : toDate(row.read_at),
    }));
  }

  async claimedFor(itemKey: string, personIds: readonly Id[]): Promise<Set<Id>> {
    const ids = [...new Set(personIds)];
    if (ids.length === 0) return new Set();
    const claimed = this.ctx.db
      .prepare<unknown[], string>(`SELECT person_id FROM digest_deliveries WHERE item_key = ? AND person_id IN (${list(ids.length)})`)
      .pluck().all(itemKey, ...ids);
    return new Set(claimed);
  }

  claim(claim: DigestClaim): Promise<string[]> {
    const keys = [...new Set(claim.itemKeys)];
    if (keys.length === 0) return Promise.resolve([]);
    return this.ctx.write(() => {
      const insert = this.ctx.db.prepare('INSERT OR IGNORE INTO digest_deliveries (person_id, item_key, claim_id, claimed_at, sent_at) VALUES (?, ?, ?, ?, NULL)');
      // One SQLite transaction (a savepoint when the caller already has one open): all claimed, or none.
      return this.ctx.db.transaction(() => keys.filter((key) => insert.run(claim.personId, key, claim.claimId, toMillis(claim.at)).changes === 1))();
    });
  }

  markSent(personId: Id, claimId: Id, at: Date): Promise<number> {
    return this.ctx.write(() => this.ctx.db
      .prepare('UPDATE digest_deliveries SET sent_at = ? WHERE person_id = ? AND claim_id = ? AND sent_at IS NULL')
      .run(toMillis(at), personId, claimId).changes);
  }

  release(personId: Id, claimId: Id): Promise<number> {
    return this.ctx.write(() => this.ctx.db
      .prepare('DELETE FROM digest_deliveries WHERE person_id = ? AND claim_id = ? AND sent_at IS NULL')
      .run(personId, claimId).changes);
  }

  purgeDeliveriesBefore(cutoff: Date): Promise<number> {
    return this.ctx.write(() => this.ctx.db.prepare('DELETE FROM digest_deliveries WHERE claimed_at < ?').run(toMillis(cutoff)).changes);
  }

  async findRetry(personId: Id): Promise<DigestRetry | null> {
    const row = this.ctx.db.prepare<[string], RetryRow>('SELECT * FROM digest_retries WHERE person_id = ?').get(personId);
    return row ? toRetry(row) : null;
  }

  async saveRetry(r: DigestRetry): Promise<void> {
    await this.ctx.write(() => this.ctx.db
      .prepare(`INSERT INTO digest_retries (person_id, attempts, retry_after, last_error, failed_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (person_id) DO UPDATE SET attempts = excluded.attempts, retry_after = excluded.retry_after,
          last_error = excluded.last_error, failed_at = excluded.failed_at`)
      .run(r.personId, r.attempts, toMillis(r.retryAfter), r.lastError, toMillis(r.failedAt)));
  }

  async clearRetry(personId: Id): Promise<void> {
    await this.ctx.write(() => this.ctx.db.prepare('DELETE FROM digest_retries WHERE person_id = ?').run(personId));
  }

  async collect(personId: Id): Promise<DigestRecords> {
    const deliveries = this.ctx.db
      .prepare<[string], DeliveryRow>('SELECT * FROM digest_deliveries WHERE person_id = ? ORDER BY claimed_at, item_key')
      .all(personId).map(toDelivery);
    return { preference: await this.findPreference(personId), deliveries, retry: await this.findRetry(personId) };
  }

  erase(personId: Id): Promise<number> {
    return this.ctx.write(() => ['digest_preferences', 'digest_deliveries', 'digest_retries']
      .reduce((sum, table) => sum + this.ctx.db.prepare(`DELETE FROM ${table} WHERE person_id = ?`).run(personId).changes, 0));
  }
}
