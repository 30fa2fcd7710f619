import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { toMillis, type SqliteContext } from './rows';

/**
 * ltijs keeps platforms, their key pairs and short-lived launch tokens through a small
 * database interface (Get/Insert/Replace/Modify/Delete, the shape of its built-in mongoose
 * store). This plugin gives it that interface over our own SQLite file, as JSON documents,
 * so one file holds everything and no second SQLite driver is needed.
 * Encrypted collections (private keys, access tokens) use ltijs's own scheme, so ltijs can
 * read what it wrote whichever store it runs on.
 */
type Query = Record<string, string | number | boolean | null | undefined>;
type Doc = Record<string, unknown>;

/** How long ltijs's documents live, mirroring the TTL indexes of its mongoose schemas (nonces kept longer: see migration). */
const TTL_SECONDS: Record<string, number> = {
  idtoken: 24 * 3600,
  contexttoken: 24 * 3600,
  accesstoken: 3600,
  nonce: 3600,
  state: 600,
};

interface DocRow { id: number; doc: string; created_at: number }

export class LtijsSqlitePlugin {
  constructor(private readonly ctx: SqliteContext, private readonly now: () => Date = () => new Date()) {}

  async setup(): Promise<true> {
    return true;
  }

  /** The connection belongs to the Storage; closing it is the Storage's job. */
  async Close(): Promise<true> {
    return true;
  }

  async Get(encryptionKey: string | false, collection: string, query?: Query): Promise<Doc[] | false> {
    const rows = this.select(collection, query);
    if (rows.length === 0) return false;
    return rows.map((row) => {
      const stored = JSON.parse(row.doc) as Doc;
      const doc = encryptionKey
        ? (JSON.parse(decrypt(String(stored.data), String(stored.iv), encryptionKey)) as Doc)
        : stored;
      return { ...doc, createdAt: row.created_at };
    });
  }

  async Insert(encryptionKey: string | false, collection: string, item: Doc, index?: Doc): Promise<true> {
    if (!collection || !item || (encryptionKey && !index)) throw new Error('MISSING_PARAMS');
    const doc = encryptionKey ? { ...index, ...encrypt(JSON.stringify(item), encryptionKey) } : item;
    await this.ctx.write(() => this.insertRow(collection, doc));
    return true;
  }

  async Replace(encryptionKey: string | false, collection: string, query: Query, item: Doc, index?: Doc): Promise<true> {
    if (!collection || !item || (encryptionKey && !index)) throw new Error('MISSING_PARAMS');
    const doc = encryptionKey ? { ...index, ...encrypt(JSON.stringify(item), encryptionKey) } : item;
    await this.ctx.write(() => this.ctx.db.transaction(() => {
      const existing = this.select(collection, query, { includeExpired: true })[0];
      if (existing) this.ctx.db.prepare('DELETE FROM ltijs_documents WHERE id = ?').run(existing.id);
      this.insertRow(collection, doc);
    })());
    return true;
  }

  async Modify(encryptionKey: string | false, collection: string, query: Query, modification: Doc): Promise<true> {
    if (!collection || !query || !modification) throw new Error('MISSING_PARAMS');
    await this.ctx.write(() => {
      const row = this.select(collection, query)[0];
      if (!row) return;
      const stored = JSON.parse(row.doc) as Doc;
      let updated: Doc;
      if (encryptionKey) {
        // Same semantics as ltijs's mongoose store: only the first key of the modification is applied.
        const plain = JSON.parse(decrypt(String(stored.data), String(stored.iv), encryptionKey)) as Doc;
        const [key, value] = Object.entries(modification)[0] ?? [];
        if (key !== undefined) plain[key] = value;
        updated = { ...stored, ...encrypt(JSON.stringify(plain), encryptionKey) };
      } else {
        updated = { ...stored, ...modification };
      }
      this.ctx.db.prepare('UPDATE ltijs_documents SET doc = ? WHERE id = ?').run(JSON.stringify(updated), row.id);
    });
    return true;
  }

  async Delete(collection: string, query: Query): Promise<true> {
    if (!collection || !query) throw new Error('MISSING_PARAMS');
    await this.ctx.write(() => {
      const ids = this.select(collection, query, { includeExpired: true }).map((row) => row.id);
      const remove = this.ctx.db.prepare('DELETE FROM ltijs_documents WHERE id = ?');
      for (const id of ids) remove.run(id);
    });
    return true;
  }

  /** Removes documents whose lifetime has passed; returns how many. */
  deleteExpired(now: Date): Promise<number> {
    return this.ctx.write(() => this.ctx.db
      .prepare('DELETE FROM ltijs_documents WHERE expires_at IS NOT NULL AND expires_at <= ?')
      .run(toMillis(now)).changes);
  }

  private insertRow(collection: string, doc: Doc): void {
    const created = toMillis(this.now());
    const ttl = TTL_SECONDS[collection];
    this.ctx.db
      .prepare('INSERT INTO ltijs_documents (collection, doc, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(collection, JSON.stringify(doc), created, ttl === undefined ? null : created + ttl * 1000);
  }

  private select(collection: string, query: Query = {}, options: { includeExpired?: boolean } = {}): DocRow[] {
    const clauses = ['collection = ?'];
    const params: Array<string | number | null> = [collection];
    if (!options.includeExpired) {
      clauses.push('(expires_at IS NULL OR expires_at > ?)');
      params.push(toMillis(this.now()));
    }
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      const path = `$."${key.replace(/"/g, '""')}"`;
      if (value === null) {
        clauses.push('json_extract(doc, ?) IS NULL');
        params.push(path);
      } else {
        clauses.push('json_extract(doc, ?) = ?');
        params.push(path, typeof value === 'boolean' ? Number(value) : value);
      }
    }
    return this.ctx.db
      .prepare<typeof params, DocRow>(`SELECT id, doc, created_at FROM ltijs_documents WHERE ${clauses.join(' AND ')} ORDER BY id`)
      .all(...params);
  }
}

// ltijs's at-rest encryption: AES-256-CBC with a key derived from the provider secret by SHA-256.
function cipherKey(secret: string): Buffer {
  return createHash('sha256').update(secret).digest().subarray(0, 32);
}

function encrypt(plain: string, secret: string): { iv: string; data: string } {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', cipherKey(secret), iv);
  return { iv: iv.toString('hex'), data: Buffer.concat([cipher.update(plain), cipher.final()]).toString('hex') };
}

function decrypt(data: string, iv: string, secret: string): string {
  const decipher = createDecipheriv('aes-256-cbc', cipherKey(secret), Buffer.from(iv, 'hex'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'hex')), decipher.final()]).toString();
}
