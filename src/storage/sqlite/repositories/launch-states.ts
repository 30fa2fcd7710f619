import type { LaunchState } from '../../../domain/launch';
import type { LaunchStateRepository } from '../../ports';
import { toDate, toMillis, type SqliteContext } from '../rows';

interface LaunchStateRow {
  state: string; nonce: string; issuer: string; client_id: string; deployment_id: string | null;
  target_link_uri: string; created_at: number; expires_at: number;
}

const toLaunchState = (row: LaunchStateRow): LaunchState => ({
  state: row.state, nonce: row.nonce, issuer: row.issuer, clientId: row.client_id,
  deploymentId: row.deployment_id, targetLinkUri: row.target_link_uri,
  createdAt: toDate(row.created_at), expiresAt: toDate(row.expires_at),
});

export class SqliteLaunchStates implements LaunchStateRepository {
  private readonly insert;
  private readonly take;
  private readonly removeExpired;

  constructor(private readonly ctx: SqliteContext) {
    this.insert = ctx.db.prepare(`
      INSERT INTO launch_states (state, nonce, issuer, client_id, deployment_id, target_link_uri, created_at, expires_at)
      VALUES (@state, @nonce, @issuer, @clientId, @deploymentId, @targetLinkUri, @createdAt, @expiresAt)`);
    // DELETE ... RETURNING is one statement: the row is gone for everyone the moment one caller gets it.
    this.take = ctx.db.prepare<[string], LaunchStateRow>('DELETE FROM launch_states WHERE state = ? RETURNING *');
    this.removeExpired = ctx.db.prepare('DELETE FROM launch_states WHERE expires_at <= ?');
  }

  async create(state: LaunchState): Promise<void> {
    await this.ctx.write(() => this.insert.run({
      ...state, createdAt: toMillis(state.createdAt), expiresAt: toMillis(state.expiresAt),
    }));
  }

  consume(state: string, now: Date): Promise<LaunchState | null> {
    return this.ctx.write(() => {
      const row = this.take.get(state);
      if (!row || row.expires_at <= toMillis(now)) return null;
      return toLaunchState(row);
    });
  }

  deleteExpired(now: Date): Promise<number> {
    return this.ctx.write(() => this.removeExpired.run(toMillis(now)).changes);
  }
}
