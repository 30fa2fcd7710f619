/**
 * Keeping communities alive: staff's care settings, questions routed to people likely to know,
 * community champions, what the activity-log retention purge removed, and the indexes the
 * insights figures, the expertise counts and a person's own data (export, erasure) read through.
 */
export const sql = /* sql */ `
CREATE TABLE care_settings (
  course_id           TEXT PRIMARY KEY REFERENCES courses(id),
  answer_target_hours INTEGER NOT NULL,
  quiet_days          INTEGER NOT NULL,
  retention_days      INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
);

CREATE TABLE question_routings (
  course_id TEXT NOT NULL,
  thread_id TEXT NOT NULL REFERENCES threads(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  routed_by TEXT NOT NULL REFERENCES people(id),
  routed_at INTEGER NOT NULL,
  -- One routing per question and person: asking the same person twice is refused by the key.
  PRIMARY KEY (thread_id, person_id)
);
CREATE INDEX question_routings_by_person ON question_routings (person_id);

CREATE TABLE champions (
  course_id  TEXT NOT NULL REFERENCES courses(id),
  person_id  TEXT NOT NULL REFERENCES people(id),
  granted_by TEXT NOT NULL REFERENCES people(id),
  granted_at INTEGER NOT NULL,
  PRIMARY KEY (course_id, person_id)
);
CREATE INDEX champions_by_person ON champions (person_id);

-- Per course: events up to this seq were deleted by the retention purge (reconnecting clients
-- that last saw an older event must reload instead of replaying).
CREATE TABLE activity_purges (
  course_id          TEXT PRIMARY KEY,
  purged_through_seq INTEGER NOT NULL,
  last_purge_at      INTEGER NOT NULL,
  last_purge_count   INTEGER NOT NULL
);
CREATE INDEX course_events_by_time ON course_events (created_at);

-- The unanswered queue: open questions of a course by age.
CREATE INDEX threads_open_questions ON threads (course_id, created_at)
  WHERE kind = 'question' AND accepted_reply_id IS NULL AND endorsed_answer_count = 0 AND deleted_at IS NULL AND hidden = 0;
-- Weekly figures: posts and votes of a course by time.
CREATE INDEX threads_by_course_created ON threads (course_id, created_at);
CREATE INDEX replies_by_course_created ON replies (course_id, created_at);
CREATE INDEX votes_by_course_created ON votes (course_id, created_at);
-- Expertise: the (few) endorsed answers of a course.
CREATE INDEX replies_endorsed ON replies (course_id, author_id) WHERE endorsed_by IS NOT NULL;
-- A person's own data, found by person.
CREATE INDEX reports_by_reporter ON reports (reporter_id);
CREATE INDEX post_revisions_by_editor ON post_revisions (editor_id);
CREATE INDEX sessions_by_person ON sessions (person_id);
CREATE INDEX memberships_by_person ON memberships (person_id);
`;
