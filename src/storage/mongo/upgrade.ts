import type { MongoModels } from './schemas';

/** The counter document that records which upgrades the database has had. */
const SCHEMA_VERSION = 'schema_version';

/**
 * 2: the discussion room (as SQLite's migration 002): threads and replies written before it get
 * the new fields with the values SQLite's ALTER TABLE defaults give old rows. Queries filter on
 * these fields (`hidden: false`, `pinned` in the keyset order), so they must be there.
 */
const CURRENT = 2;

/**
 * Brings documents written by earlier versions of Agora up to date; run at start-up, after the
 * indexes exist. Each step only touches documents that lack what it adds, so running it twice, or
 * in two processes at once, does no harm; the version is recorded last, and then later start-ups
 * skip the (collection-wide) scans.
 */
export async function upgradeDocuments(models: MongoModels): Promise<void> {
  const recorded = await models.counters.findById(SCHEMA_VERSION).lean();
  if ((recorded?.seq ?? 0) >= CURRENT) return;
  await models.threads.updateMany({ kind: { $exists: false } }, {
    $set: {
      kind: 'discussion', anonymity: 'named', tagIds: [], answerCount: 0, voteCount: 0, pinned: false, locked: false,
      hidden: false, acceptedReplyId: null, endorsedAnswerCount: 0, editedAt: null, deletedAt: null,
    },
  });
  await models.replies.updateMany({ anonymity: { $exists: false } }, {
    $set: {
      parentId: null, anonymity: 'named', voteCount: 0, hidden: false, endorsedBy: null, endorsedAt: null, editedAt: null, deletedAt: null,
    },
  });
  await models.counters.updateOne({ _id: SCHEMA_VERSION }, { $max: { seq: CURRENT } }, { upsert: true });
}
