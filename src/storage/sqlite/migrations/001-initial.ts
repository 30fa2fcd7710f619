/** Courses, people, memberships, sessions, launches, the first slice of the discussion room, and the event log. */
export const sql = /* sql */ `
CREATE TABLE courses (
  id            TEXT PRIMARY KEY,
  issuer        TEXT NOT NULL,
  client_id     TEXT NOT NULL,
  deployment_id TEXT NOT NULL,
  context_id    TEXT NOT NULL,
  title         TEXT NOT NULL,
  label         TEXT,
  created_at    INTEGER NOT NULL,
  UNIQUE (issuer, client_id, deployment_id, context_id)
);

CREATE TABLE people (
  id          TEXT PRIMARY KEY,
  issuer      TEXT NOT NULL,
  subject     TEXT NOT NULL,
  name        TEXT,
  given_name  TEXT,
  family_name TEXT,
  email       TEXT,
  created_at  INTEGER NOT NULL,
  UNIQUE (issuer, subject)
);

CREATE TABLE memberships (
  course_id       TEXT NOT NULL REFERENCES courses(id),
  person_id       TEXT NOT NULL REFERENCES people(id),
  role            TEXT NOT NULL CHECK (role IN ('staff', 'learner')),
  lti_roles       TEXT NOT NULL,
  first_launch_at INTEGER NOT NULL,
  last_launch_at  INTEGER NOT NULL,
  PRIMARY KEY (course_id, person_id)
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  person_id  TEXT NOT NULL REFERENCES people(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE launch_states (
  state           TEXT PRIMARY KEY,
  nonce           TEXT NOT NULL UNIQUE,
  issuer          TEXT NOT NULL,
  client_id       TEXT NOT NULL,
  deployment_id   TEXT,
  target_link_uri TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL
);
CREATE INDEX launch_states_by_expiry ON launch_states (expires_at);

CREATE TABLE deployments (
  issuer        TEXT NOT NULL,
  client_id     TEXT NOT NULL,
  deployment_id TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (issuer, client_id, deployment_id)
);

CREATE TABLE threads (
  id               TEXT PRIMARY KEY,
  course_id        TEXT NOT NULL REFERENCES courses(id),
  author_id        TEXT NOT NULL REFERENCES people(id),
  title            TEXT NOT NULL,
  body_source      TEXT NOT NULL,
  body_html        TEXT NOT NULL,
  reply_count      INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL,
  last_activity_at INTEGER NOT NULL
);
CREATE INDEX threads_by_course_activity ON threads (course_id, last_activity_at DESC, id DESC);

CREATE TABLE replies (
  id          TEXT PRIMARY KEY,
  course_id   TEXT NOT NULL REFERENCES courses(id),
  thread_id   TEXT NOT NULL REFERENCES threads(id),
  author_id   TEXT NOT NULL REFERENCES people(id),
  body_source TEXT NOT NULL,
  body_html   TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX replies_by_thread ON replies (thread_id, id);

CREATE TABLE course_events (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  course_id  TEXT NOT NULL,
  space      TEXT NOT NULL,
  type       TEXT NOT NULL,
  actor_id   TEXT NOT NULL,
  data       TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX course_events_by_course ON course_events (course_id, seq);

-- ltijs keeps its platforms, keys and short-lived tokens here as JSON documents (see ltijs-plugin.ts).
CREATE TABLE ltijs_documents (
  id         INTEGER PRIMARY KEY,
  collection TEXT NOT NULL,
  doc        TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER
);
CREATE INDEX ltijs_documents_by_collection ON ltijs_documents (collection);
CREATE INDEX ltijs_documents_by_expiry ON ltijs_documents (expires_at) WHERE expires_at IS NOT NULL;
-- A nonce is accepted once, even when two processes race: uniqueness is the store's job, not a read-then-insert.
CREATE UNIQUE INDEX ltijs_documents_nonce ON ltijs_documents (json_extract(doc, '$.nonce')) WHERE collection = 'nonce';
`;
