/**
 * Participation grades: each course's rubric with the state of sending its scores to the LMS
 * (line item, the course events already covered, failures and the next retry, a claim so two
 * processes never push one course at once), and the score last sent for each learner.
 * Points are REAL because staff may give half points; the code rounds them to hundredths.
 */
export const sql = /* sql */ `
CREATE TABLE participation_grading (
  course_id                   TEXT PRIMARY KEY REFERENCES courses(id),
  enabled                     INTEGER NOT NULL DEFAULT 0,
  points_per_thread           REAL NOT NULL,
  points_per_reply            REAL NOT NULL,
  points_per_endorsed_answer  REAL NOT NULL,
  points_per_hotseat_question REAL NOT NULL,
  weekly_cap                  REAL NOT NULL,
  score_maximum               REAL NOT NULL,
  label                       TEXT NOT NULL,
  updated_at                  INTEGER,
  updated_by                  TEXT,
  line_item_url               TEXT,
  line_item_source            TEXT CHECK (line_item_source IN ('launch', 'found', 'created')),
  launch_line_item_url        TEXT,
  seen_seq                    INTEGER NOT NULL DEFAULT 0,
  requested_at                INTEGER,
  last_attempt_at             INTEGER,
  last_success_at             INTEGER,
  last_pushed_count           INTEGER,
  last_error                  TEXT,
  last_error_at               INTEGER,
  failed_attempts             INTEGER NOT NULL DEFAULT 0,
  next_attempt_at             INTEGER,
  claimed_until               INTEGER
);

CREATE TABLE participation_scores (
  course_id   TEXT NOT NULL REFERENCES courses(id),
  person_id   TEXT NOT NULL REFERENCES people(id),
  score_given   REAL NOT NULL,
  score_maximum REAL NOT NULL,
  pushed_at     INTEGER NOT NULL,
  PRIMARY KEY (course_id, person_id)
);
`;
