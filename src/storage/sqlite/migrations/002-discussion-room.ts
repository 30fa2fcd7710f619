/**
 * The discussion room in full: thread kinds, anonymity, edits with history, soft deletion,
 * two levels of replies, votes, endorsements, moderation, tags, following, read state,
 * notifications, reports, the course's settings and posting policy, and full-text search.
 */
export const sql = /* sql */ `
ALTER TABLE threads ADD COLUMN kind TEXT NOT NULL DEFAULT 'discussion' CHECK (kind IN ('discussion', 'question', 'announcement'));
ALTER TABLE threads ADD COLUMN anonymity TEXT NOT NULL DEFAULT 'named' CHECK (anonymity IN ('named', 'peers', 'everyone'));
ALTER TABLE threads ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN deleted_at INTEGER;
ALTER TABLE threads ADD COLUMN edited_at INTEGER;
ALTER TABLE threads ADD COLUMN vote_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN accepted_reply_id TEXT;
ALTER TABLE threads ADD COLUMN endorsed_answer_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN answer_count INTEGER NOT NULL DEFAULT 0;
-- One index per sort order, pinned threads first, so a page of the list is an index range scan.
CREATE INDEX threads_by_course_pinned_activity ON threads (course_id, pinned DESC, last_activity_at DESC, id DESC);
CREATE INDEX threads_by_course_pinned_created ON threads (course_id, pinned DESC, created_at DESC, id DESC);
CREATE INDEX threads_by_course_pinned_votes ON threads (course_id, pinned DESC, vote_count DESC, id DESC);
CREATE INDEX threads_by_author ON threads (course_id, author_id, created_at);

ALTER TABLE replies ADD COLUMN parent_id TEXT REFERENCES replies(id);
ALTER TABLE replies ADD COLUMN anonymity TEXT NOT NULL DEFAULT 'named' CHECK (anonymity IN ('named', 'peers', 'everyone'));
ALTER TABLE replies ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
ALTER TABLE replies ADD COLUMN deleted_at INTEGER;
ALTER TABLE replies ADD COLUMN edited_at INTEGER;
ALTER TABLE replies ADD COLUMN vote_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE replies ADD COLUMN endorsed_by TEXT REFERENCES people(id);
ALTER TABLE replies ADD COLUMN endorsed_at INTEGER;
CREATE INDEX replies_by_author ON replies (course_id, author_id, created_at);

CREATE TABLE post_revisions (
  id          TEXT PRIMARY KEY,
  course_id   TEXT NOT NULL,
  post_kind   TEXT NOT NULL CHECK (post_kind IN ('thread', 'reply')),
  post_id     TEXT NOT NULL,
  title       TEXT,
  body_source TEXT NOT NULL,
  editor_id   TEXT NOT NULL REFERENCES people(id),
  created_at  INTEGER NOT NULL
);
CREATE INDEX post_revisions_by_post ON post_revisions (post_kind, post_id, created_at);

CREATE TABLE votes (
  post_kind  TEXT NOT NULL CHECK (post_kind IN ('thread', 'reply')),
  post_id    TEXT NOT NULL,
  person_id  TEXT NOT NULL REFERENCES people(id),
  course_id  TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (post_kind, post_id, person_id)
);
CREATE INDEX votes_by_person ON votes (person_id, course_id);

CREATE TABLE tags (
  id         TEXT PRIMARY KEY,
  course_id  TEXT NOT NULL REFERENCES courses(id),
  name       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (course_id, name COLLATE NOCASE)
);

CREATE TABLE thread_tags (
  thread_id TEXT NOT NULL REFERENCES threads(id),
  tag_id    TEXT NOT NULL REFERENCES tags(id),
  PRIMARY KEY (thread_id, tag_id)
);
CREATE INDEX thread_tags_by_tag ON thread_tags (tag_id);

CREATE TABLE follows (
  person_id  TEXT NOT NULL REFERENCES people(id),
  thread_id  TEXT NOT NULL REFERENCES threads(id),
  course_id  TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (person_id, thread_id)
);
CREATE INDEX follows_by_thread ON follows (thread_id);

CREATE TABLE thread_reads (
  person_id    TEXT NOT NULL,
  thread_id    TEXT NOT NULL,
  course_id    TEXT NOT NULL,
  last_read_at INTEGER NOT NULL,
  PRIMARY KEY (person_id, thread_id)
);

CREATE TABLE course_visits (
  person_id        TEXT NOT NULL,
  course_id        TEXT NOT NULL,
  last_visit_at    INTEGER NOT NULL,
  previous_visit_at INTEGER,
  PRIMARY KEY (person_id, course_id)
);

CREATE TABLE notifications (
  id         TEXT PRIMARY KEY,
  person_id  TEXT NOT NULL REFERENCES people(id),
  course_id  TEXT NOT NULL,
  kind       TEXT NOT NULL,
  thread_id  TEXT NOT NULL,
  reply_id   TEXT,
  actor_id   TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  read_at    INTEGER
);
CREATE INDEX notifications_by_person ON notifications (person_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications (person_id, course_id) WHERE read_at IS NULL;

CREATE TABLE reports (
  id          TEXT PRIMARY KEY,
  course_id   TEXT NOT NULL REFERENCES courses(id),
  post_kind   TEXT NOT NULL CHECK (post_kind IN ('thread', 'reply')),
  post_id     TEXT NOT NULL,
  thread_id   TEXT NOT NULL,
  reporter_id TEXT NOT NULL REFERENCES people(id),
  reason      TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  resolved_at INTEGER,
  resolved_by TEXT
);
CREATE INDEX reports_open ON reports (course_id, created_at) WHERE resolved_at IS NULL;

CREATE TABLE course_settings (
  course_id      TEXT PRIMARY KEY REFERENCES courses(id),
  anonymity      TEXT NOT NULL DEFAULT 'named' CHECK (anonymity IN ('named', 'peers', 'everyone')),
  posting_policy TEXT,
  policy_version INTEGER NOT NULL DEFAULT 0,
  updated_at     INTEGER NOT NULL
);

CREATE TABLE policy_acceptances (
  course_id      TEXT NOT NULL,
  person_id      TEXT NOT NULL,
  policy_version INTEGER NOT NULL,
  accepted_at    INTEGER NOT NULL,
  PRIMARY KEY (course_id, person_id)
);

CREATE TABLE pseudonyms (
  course_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  name      TEXT NOT NULL,
  PRIMARY KEY (course_id, person_id),
  UNIQUE (course_id, name)
);

-- Plain text of every post, for ranked search with highlighted snippets. Kept in step by the
-- repositories. search_docs maps each post to the FTS row id, so a post is replaced or removed by
-- rowid instead of scanning the FTS table.
CREATE TABLE search_docs (
  id        INTEGER PRIMARY KEY,
  post_kind TEXT NOT NULL,
  post_id   TEXT NOT NULL,
  course_id TEXT NOT NULL,
  thread_id TEXT NOT NULL,
  UNIQUE (post_kind, post_id)
);
-- The "course" column holds the course id as a token, so a search is restricted to its course by the FTS
-- index itself (a column filter) instead of by a join that would visit every match.
CREATE VIRTUAL TABLE post_search USING fts5(title, body, course, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');
`;
