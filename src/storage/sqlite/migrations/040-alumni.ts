/**
 * The alumni space: communities (each owning a synthetic space course for its discussion), what
 * Agora knows of each LMS course for them, alumni and departures, mentors, opt-in profiles, email
 * sign-in (consents and single-use links, hashed), scheduled prompts and "Ask alumni" questions.
 * Sessions gain a scope: a sign-in link's session opens alumni communities only.
 */
export const sql = /* sql */ `
ALTER TABLE sessions ADD COLUMN scope TEXT NOT NULL DEFAULT 'launch' CHECK (scope IN ('launch', 'alumni'));

CREATE TABLE alumni_communities (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  join_code       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  space_course_id TEXT NOT NULL UNIQUE REFERENCES courses(id),
  learner_access  TEXT NOT NULL CHECK (learner_access IN ('post', 'read', 'hidden')),
  quiet_days      INTEGER NOT NULL,
  created_by      TEXT NOT NULL REFERENCES people(id),
  created_at      INTEGER NOT NULL
);

CREATE TABLE alumni_courses (
  course_id     TEXT PRIMARY KEY REFERENCES courses(id),
  ends_at       INTEGER,
  copied_from   TEXT NOT NULL DEFAULT '[]',
  term          TEXT,
  community_id  TEXT REFERENCES alumni_communities(id),
  cohort_label  TEXT,
  linked_by     TEXT,
  linked_at     INTEGER,
  graduated_at  INTEGER,
  graduated_by  TEXT,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX alumni_courses_by_community ON alumni_courses (community_id, linked_at);
CREATE INDEX alumni_courses_due ON alumni_courses (ends_at) WHERE community_id IS NOT NULL AND graduated_at IS NULL;

CREATE TABLE alumni (
  community_id  TEXT NOT NULL REFERENCES alumni_communities(id),
  person_id     TEXT NOT NULL REFERENCES people(id),
  course_id     TEXT NOT NULL REFERENCES courses(id),
  cohort_label  TEXT NOT NULL,
  graduated_at  INTEGER NOT NULL,
  PRIMARY KEY (community_id, person_id, course_id)
);
CREATE INDEX alumni_by_person ON alumni (person_id);
CREATE INDEX alumni_by_course ON alumni (course_id);

CREATE TABLE alumni_departures (
  community_id TEXT NOT NULL REFERENCES alumni_communities(id),
  person_id    TEXT NOT NULL REFERENCES people(id),
  left_at      INTEGER NOT NULL,
  PRIMARY KEY (community_id, person_id)
);

CREATE TABLE alumni_mentors (
  community_id TEXT NOT NULL REFERENCES alumni_communities(id),
  person_id    TEXT NOT NULL REFERENCES people(id),
  since        INTEGER NOT NULL,
  PRIMARY KEY (community_id, person_id)
);

CREATE TABLE alumni_profiles (
  community_id      TEXT NOT NULL REFERENCES alumni_communities(id),
  person_id         TEXT NOT NULL REFERENCES people(id),
  visible           INTEGER NOT NULL DEFAULT 0,
  display_name      TEXT NOT NULL,
  bio               TEXT NOT NULL,
  tags              TEXT NOT NULL DEFAULT '[]',
  happy_to_be_asked INTEGER NOT NULL DEFAULT 0,
  updated_at        INTEGER NOT NULL,
  PRIMARY KEY (community_id, person_id)
);

CREATE TABLE alumni_email_sign_in (
  person_id    TEXT PRIMARY KEY REFERENCES people(id),
  email        TEXT NOT NULL COLLATE NOCASE,
  opted_in_at  INTEGER NOT NULL
);
CREATE INDEX alumni_email_sign_in_by_email ON alumni_email_sign_in (email);

CREATE TABLE alumni_sign_in_links (
  token_hash TEXT PRIMARY KEY,
  person_id  TEXT NOT NULL REFERENCES people(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
);
CREATE INDEX alumni_sign_in_links_by_person ON alumni_sign_in_links (person_id, created_at);
CREATE INDEX alumni_sign_in_links_by_expiry ON alumni_sign_in_links (expires_at);

CREATE TABLE alumni_prompts (
  id             TEXT PRIMARY KEY,
  community_id   TEXT NOT NULL REFERENCES alumni_communities(id),
  target         TEXT NOT NULL CHECK (target IN ('space', 'course')),
  course_id      TEXT NOT NULL REFERENCES courses(id),
  author_id      TEXT NOT NULL REFERENCES people(id),
  title          TEXT NOT NULL,
  body           TEXT NOT NULL,
  next_post_at   INTEGER,
  repeat_days    INTEGER,
  last_posted_at INTEGER,
  last_thread_id TEXT,
  created_at     INTEGER NOT NULL,
  cancelled_at   INTEGER
);
CREATE INDEX alumni_prompts_due ON alumni_prompts (next_post_at) WHERE next_post_at IS NOT NULL;
CREATE INDEX alumni_prompts_by_community ON alumni_prompts (community_id);

CREATE TABLE alumni_questions (
  thread_id      TEXT PRIMARY KEY REFERENCES threads(id),
  community_id   TEXT NOT NULL REFERENCES alumni_communities(id),
  asker_id       TEXT NOT NULL REFERENCES people(id),
  tags           TEXT NOT NULL DEFAULT '[]',
  notified_count INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL
);
CREATE INDEX alumni_questions_by_community ON alumni_questions (community_id, created_at);
`;
