import type { AlumniProfile, AlumniQuestion, EmailSignIn, Prompt, PromptTarget, SignInLink } from '../../../domain/alumni';
import type { Id } from '../../../domain/ids';
import type {
  AlumniProfileRepository, AlumniQuestionRepository, EndorsedAnswer, PromptRepository, SignInRepository,
} from '../../alumni-ports';
import { toDate, toMillis, type SqliteContext } from '../rows';

const maybeDate = (millis: number | null): Date | null => (millis === null ? null : toDate(millis));

interface ProfileRow {
  community_id: string; person_id: string; visible: number; display_name: string; bio: string; tags: string;
  happy_to_be_asked: number; updated_at: number;
}

const toProfile = (row: ProfileRow): AlumniProfile => ({
  communityId: row.community_id, personId: row.person_id, visible: row.visible === 1, displayName: row.display_name, bio: row.bio,
  tags: JSON.parse(row.tags) as string[], happyToBeAsked: row.happy_to_be_asked === 1, updatedAt: toDate(row.updated_at),
});

export class SqliteAlumniProfiles implements AlumniProfileRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async find(communityId: Id, personId: Id): Promise<AlumniProfile | null> {
    const row = this.ctx.db.prepare<[string, string], ProfileRow>('SELECT * FROM alumni_profiles WHERE community_id = ? AND person_id = ?').get(communityId, personId);
    return row ? toProfile(row) : null;
  }

  async save(p: AlumniProfile): Promise<void> {
    await this.ctx.write(() => this.ctx.db.prepare(`
      INSERT INTO alumni_profiles (community_id, person_id, visible, display_name, bio, tags, happy_to_be_asked, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (community_id, person_id) DO UPDATE SET visible = excluded.visible, display_name = excluded.display_name,
        bio = excluded.bio, tags = excluded.tags, happy_to_be_asked = excluded.happy_to_be_asked, updated_at = excluded.updated_at`)
      .run(p.communityId, p.personId, p.visible ? 1 : 0, p.displayName, p.bio, JSON.stringify(p.tags), p.happyToBeAsked ? 1 : 0, toMillis(p.updatedAt)));
  }

  delete(communityId: Id, personId: Id): Promise<boolean> {
    return this.ctx.write(() => this.ctx.db.prepare('DELETE FROM alumni_profiles WHERE community_id = ? AND person_id = ?').run(communityId, personId).changes === 1);
  }

  async listVisible(communityId: Id): Promise<AlumniProfile[]> {
    return this.ctx.db.prepare<[string], ProfileRow>('SELECT * FROM alumni_profiles WHERE community_id = ? AND visible = 1 ORDER BY display_name COLLATE NOCASE, person_id')
      .all(communityId).map(toProfile);
  }

  async endorsedNamedAnswers(courseId: Id, personId: Id, limit: number): Promise<EndorsedAnswer[]> {
    const rows = this.ctx.db.prepare<[string, string, number], { id: string; thread_id: string; title: string; endorsed_at: number }>(`
      SELECT r.id, r.thread_id, t.title, r.endorsed_at FROM replies r JOIN threads t ON t.id = r.thread_id
      WHERE r.course_id = ? AND r.author_id = ? AND r.endorsed_by IS NOT NULL AND r.anonymity = 'named' AND r.parent_id IS NULL
        AND r.deleted_at IS NULL AND r.hidden = 0 AND t.deleted_at IS NULL AND t.hidden = 0
      ORDER BY r.endorsed_at DESC, r.id DESC LIMIT ?`).all(courseId, personId, limit);
    return rows.map((r) => ({ replyId: r.id, threadId: r.thread_id, threadTitle: r.title, endorsedAt: toDate(r.endorsed_at) }));
  }
}

interface LinkRow { token_hash: string; person_id: string; created_at: number; expires_at: number; used_at: number | null }

const toLink = (row: LinkRow): SignInLink => ({
  tokenHash: row.token_hash, personId: row.person_id, createdAt: toDate(row.created_at), expiresAt: toDate(row.expires_at), usedAt: maybeDate(row.used_at),
});

interface ConsentRow { person_id: string; email: string; opted_in_at: number }
const toConsent = (row: ConsentRow): EmailSignIn => ({ personId: row.person_id, email: row.email, optedInAt: toDate(row.opted_in_at) });

export class SqliteSignIn implements SignInRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async optIn(consent: EmailSignIn): Promise<void> {
    await this.ctx.write(() => this.ctx.db.prepare(`
      INSERT INTO alumni_email_sign_in (person_id, email, opted_in_at) VALUES (?, ?, ?)
      ON CONFLICT (person_id) DO UPDATE SET email = excluded.email, opted_in_at = excluded.opted_in_at`)
      .run(consent.personId, consent.email.trim().toLowerCase(), toMillis(consent.optedInAt)));
  }

  async optOut(personId: Id): Promise<void> {
    await this.ctx.write(() => this.ctx.db.prepare('DELETE FROM alumni_email_sign_in WHERE person_id = ?').run(personId));
  }

  async findOptIn(personId: Id): Promise<EmailSignIn | null> {
    const row = this.ctx.db.prepare<[string], ConsentRow>('SELECT * FROM alumni_email_sign_in WHERE person_id = ?').get(personId);
    return row ? toConsent(row) : null;
  }

  async listOptInsByEmail(email: string): Promise<EmailSignIn[]> {
    return this.ctx.db.prepare<[string], ConsentRow>('SELECT * FROM alumni_email_sign_in WHERE email = ? ORDER BY opted_in_at, person_id')
      .all(email.trim().toLowerCase()).map(toConsent);
  }

  async createLink(link: SignInLink): Promise<void> {
    await this.ctx.write(() => this.ctx.db.prepare('INSERT INTO alumni_sign_in_links (token_hash, person_id, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?)')
      .run(link.tokenHash, link.personId, toMillis(link.createdAt), toMillis(link.expiresAt), link.usedAt ? toMillis(link.usedAt) : null));
  }

  async findLink(tokenHash: string): Promise<SignInLink | null> {
    const row = this.ctx.db.prepare<[string], LinkRow>('SELECT * FROM alumni_sign_in_links WHERE token_hash = ?').get(tokenHash);
    return row ? toLink(row) : null;
  }

  consumeLink(tokenHash: string, now: Date): Promise<SignInLink | null> {
    // One conditional UPDATE ... RETURNING: the link is used for everyone the moment one caller gets it.
    return this.ctx.write(() => {
      const row = this.ctx.db.prepare<[number, string, number], LinkRow>(
        'UPDATE alumni_sign_in_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING *')
        .get(toMillis(now), tokenHash, toMillis(now));
      return row ? toLink(row) : null;
    });
  }

  deleteLinksExpiredBefore(before: Date): Promise<number> {
    return this.ctx.write(() => this.ctx.db.prepare('DELETE FROM alumni_sign_in_links WHERE expires_at < ?').run(toMillis(before)).changes);
  }

  async countLinksSince(personId: Id, since: Date): Promise<number> {
    return this.ctx.db.prepare('SELECT count(*) FROM alumni_sign_in_links WHERE person_id = ? AND created_at >= ?').pluck().get(personId, toMillis(since)) as number;
  }
}

interface PromptRow {
  id: string; community_id: string; target: PromptTarget; course_id: string; author_id: string; title: string; body: string;
  next_post_at: number | null; repeat_days: number | null; last_posted_at: number | null; last_thread_id: string | null;
  created_at: number; cancelled_at: number | null;
}

const toPrompt = (row: PromptRow): Prompt => ({
  id: row.id, communityId: row.community_id, target: row.target, courseId: row.course_id, authorId: row.author_id, title: row.title, body: row.body,
  nextPostAt: maybeDate(row.next_post_at), repeatDays: row.repeat_days, lastPostedAt: maybeDate(row.last_posted_at), lastThreadId: row.last_thread_id,
  createdAt: toDate(row.created_at), cancelledAt: maybeDate(row.cancelled_at),
});

export class SqlitePrompts implements PromptRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async create(p: Prompt): Promise<void> {
    await this.ctx.write(() => this.ctx.db.prepare(`
      INSERT INTO alumni_prompts (id, community_id, target, course_id, author_id, title, body, next_post_at, repeat_days, last_posted_at, last_thread_id, created_at, cancelled_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      p.id, p.communityId, p.target, p.courseId, p.authorId, p.title, p.body, p.nextPostAt ? toMillis(p.nextPostAt) : null, p.repeatDays,
      p.lastPostedAt ? toMillis(p.lastPostedAt) : null, p.lastThreadId, toMillis(p.createdAt), p.cancelledAt ? toMillis(p.cancelledAt) : null));
  }

  async findById(id: Id): Promise<Prompt | null> {
    const row = this.ctx.db.prepare<[string], PromptRow>('SELECT * FROM alumni_prompts WHERE id = ?').get(id);
    return row ? toPrompt(row) : null;
  }

  async listByCommunity(communityId: Id): Promise<Prompt[]> {
    return this.ctx.db.prepare<[string], PromptRow>(`
      SELECT * FROM alumni_prompts WHERE community_id = ?
      ORDER BY next_post_at IS NULL, next_post_at, created_at DESC, id`).all(communityId).map(toPrompt);
  }

  async listDue(now: Date, limit: number): Promise<Prompt[]> {
    return this.ctx.db.prepare<[number, number], PromptRow>(`
      SELECT * FROM alumni_prompts WHERE next_post_at IS NOT NULL AND next_post_at <= ? AND cancelled_at IS NULL
      ORDER BY next_post_at, id LIMIT ?`).all(toMillis(now), limit).map(toPrompt);
  }

  claimOccurrence(id: Id, expected: Date, next: Date | null, posted: { at: Date; threadId: Id }): Promise<boolean> {
    return this.ctx.write(() => this.ctx.db.prepare(`
      UPDATE alumni_prompts SET next_post_at = ?, last_posted_at = ?, last_thread_id = ?
      WHERE id = ? AND next_post_at = ? AND cancelled_at IS NULL`)
      .run(next ? toMillis(next) : null, toMillis(posted.at), posted.threadId, id, toMillis(expected)).changes === 1);
  }

  cancel(id: Id, at: Date): Promise<boolean> {
    return this.ctx.write(() => this.ctx.db.prepare('UPDATE alumni_prompts SET cancelled_at = ?, next_post_at = NULL WHERE id = ? AND cancelled_at IS NULL')
      .run(toMillis(at), id).changes === 1);
  }
}

interface QuestionRow { thread_id: string; community_id: string; asker_id: string; tags: string; notified_count: number; created_at: number }

export class SqliteAlumniQuestions implements AlumniQuestionRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async create(q: AlumniQuestion): Promise<void> {
    await this.ctx.write(() => this.ctx.db.prepare(`
      INSERT INTO alumni_questions (thread_id, community_id, asker_id, tags, notified_count, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(q.threadId, q.communityId, q.askerId, JSON.stringify(q.tags), q.notifiedCount, toMillis(q.createdAt)));
  }

  async listByCommunity(communityId: Id, limit: number): Promise<AlumniQuestion[]> {
    return this.ctx.db.prepare<[string, number], QuestionRow>('SELECT * FROM alumni_questions WHERE community_id = ? ORDER BY created_at DESC, thread_id DESC LIMIT ?')
      .all(communityId, limit).map((row) => ({
        threadId: row.thread_id, communityId: row.community_id, askerId: row.asker_id, tags: JSON.parse(row.tags) as string[],
        notifiedCount: row.notified_count, createdAt: toDate(row.created_at),
      }));
  }
}
