/**
 * The hotseat: scheduled Q&A sessions, their hosts (staff or invited guests), single-use guest
 * invitations, questions with votes and answers, and follow-ups under questions.
 */
export const sql = /* sql */ `
CREATE TABLE hotseats (
  id                     TEXT PRIMARY KEY,
  course_id              TEXT NOT NULL REFERENCES courses(id),
  title                  TEXT NOT NULL,
  description_source     TEXT NOT NULL,
  description_html       TEXT NOT NULL,
  created_by             TEXT NOT NULL REFERENCES people(id),
  published_at           INTEGER,
  opens_at               INTEGER NOT NULL,
  starts_at              INTEGER NOT NULL,
  ends_at                INTEGER NOT NULL,
  phase                  TEXT NOT NULL CHECK (phase IN ('draft', 'scheduled', 'collecting', 'live', 'closed')),
  premoderation          INTEGER NOT NULL DEFAULT 0,
  convert_on_close       INTEGER NOT NULL DEFAULT 0,
  answering_question_id  TEXT,
  created_at             INTEGER NOT NULL,
  updated_at             INTEGER NOT NULL
);
CREATE INDEX hotseats_by_course ON hotseats (course_id, starts_at);
-- The scheduler's question, "which published hotseats have not closed yet?", stays an index lookup.
CREATE INDEX hotseats_unsettled ON hotseats (phase) WHERE published_at IS NOT NULL AND phase <> 'closed';

CREATE TABLE hotseat_hosts (
  hotseat_id  TEXT NOT NULL REFERENCES hotseats(id),
  course_id   TEXT NOT NULL,
  person_id   TEXT NOT NULL REFERENCES people(id),
  kind        TEXT NOT NULL CHECK (kind IN ('staff', 'guest')),
  bio         TEXT,
  added_at    INTEGER NOT NULL,
  PRIMARY KEY (hotseat_id, person_id)
);
CREATE INDEX hotseat_hosts_by_person ON hotseat_hosts (person_id, added_at);

CREATE TABLE hotseat_invitations (
  token_hash  TEXT PRIMARY KEY,
  hotseat_id  TEXT NOT NULL REFERENCES hotseats(id),
  course_id   TEXT NOT NULL,
  created_by  TEXT NOT NULL REFERENCES people(id),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER,
  used_by     TEXT REFERENCES people(id)
);

CREATE TABLE hotseat_questions (
  id                   TEXT PRIMARY KEY,
  hotseat_id           TEXT NOT NULL REFERENCES hotseats(id),
  course_id            TEXT NOT NULL,
  author_id            TEXT NOT NULL REFERENCES people(id),
  anonymity            TEXT NOT NULL CHECK (anonymity IN ('named', 'peers', 'everyone')),
  body_source          TEXT NOT NULL,
  body_html            TEXT NOT NULL,
  status               TEXT NOT NULL CHECK (status IN ('pending', 'open', 'answered', 'dismissed', 'declined', 'withdrawn', 'merged')),
  hidden               INTEGER NOT NULL DEFAULT 0,
  vote_count           INTEGER NOT NULL DEFAULT 0,
  vote_version         INTEGER NOT NULL DEFAULT 0,
  decline_reason       TEXT,
  merged_into_id       TEXT REFERENCES hotseat_questions(id),
  answer_source        TEXT,
  answer_html          TEXT,
  answered_by          TEXT REFERENCES people(id),
  answered_at          INTEGER,
  converted_thread_id  TEXT,
  created_at           INTEGER NOT NULL,
  edited_at            INTEGER
);
CREATE INDEX hotseat_questions_by_hotseat ON hotseat_questions (hotseat_id, id);
CREATE INDEX hotseat_questions_by_author ON hotseat_questions (course_id, author_id, created_at);

CREATE TABLE hotseat_votes (
  question_id  TEXT NOT NULL REFERENCES hotseat_questions(id),
  person_id    TEXT NOT NULL REFERENCES people(id),
  hotseat_id   TEXT NOT NULL,
  course_id    TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (question_id, person_id)
);
CREATE INDEX hotseat_votes_by_hotseat ON hotseat_votes (hotseat_id, person_id);

CREATE TABLE hotseat_follow_ups (
  id           TEXT PRIMARY KEY,
  question_id  TEXT NOT NULL REFERENCES hotseat_questions(id),
  hotseat_id   TEXT NOT NULL REFERENCES hotseats(id),
  course_id    TEXT NOT NULL,
  author_id    TEXT NOT NULL REFERENCES people(id),
  anonymity    TEXT NOT NULL CHECK (anonymity IN ('named', 'peers', 'everyone')),
  body_source  TEXT NOT NULL,
  body_html    TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX hotseat_follow_ups_by_hotseat ON hotseat_follow_ups (hotseat_id, id);
`;
