/**
 * Email digests: each person's choice of how often Agora emails them, the sent log that makes every
 * item go out at most once (its primary key is the claim: a second insert of the same person and
 * item is ignored), and the back-off after a failed send. Plus the index the job scans unread
 * notifications through, by time across every course.
 */
export const sql = /* sql */ `
CREATE TABLE digest_preferences (
  person_id  TEXT PRIMARY KEY REFERENCES people(id),
  frequency  TEXT NOT NULL CHECK (frequency IN ('instant', 'daily', 'weekly', 'none')),
  updated_at INTEGER NOT NULL
);

CREATE TABLE digest_deliveries (
  person_id  TEXT NOT NULL REFERENCES people(id),
  item_key   TEXT NOT NULL,
  claim_id   TEXT NOT NULL,
  claimed_at INTEGER NOT NULL,
  -- Null while the claim's email is being sent (or when the process died while sending it).
  sent_at    INTEGER,
  PRIMARY KEY (person_id, item_key)
);
CREATE INDEX digest_deliveries_by_claim ON digest_deliveries (person_id, claim_id);
CREATE INDEX digest_deliveries_by_time ON digest_deliveries (claimed_at);

CREATE TABLE digest_retries (
  person_id   TEXT PRIMARY KEY REFERENCES people(id),
  attempts    INTEGER NOT NULL,
  retry_after INTEGER NOT NULL,
  last_error  TEXT NOT NULL,
  failed_at   INTEGER NOT NULL
);

CREATE INDEX notifications_unread_by_time ON notifications (created_at, id) WHERE read_at IS NULL;
`;
