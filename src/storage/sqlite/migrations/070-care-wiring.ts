/**
 * Community care, wired to the alumni space: a course question staff routed to alumni is posted
 * once in the community's space (alumni cannot open the course), and this table remembers which
 * space thread carries which course question, so routing more alumni later reuses it. Plus the
 * indexes the hotseat figures of instructor insights, and a person's own data (export, erasure of
 * their hotseat, alumni and grade records), read through.
 */
export const sql = /* sql */ `
CREATE TABLE alumni_routed_questions (
  course_id        TEXT NOT NULL REFERENCES courses(id),
  thread_id        TEXT NOT NULL REFERENCES threads(id),
  community_id     TEXT NOT NULL REFERENCES alumni_communities(id),
  space_thread_id  TEXT NOT NULL REFERENCES threads(id),
  created_at       INTEGER NOT NULL,
  PRIMARY KEY (course_id, thread_id)
);

CREATE INDEX hotseat_questions_by_course_created ON hotseat_questions (course_id, created_at);
CREATE INDEX hotseat_questions_answered_by ON hotseat_questions (answered_by) WHERE answered_by IS NOT NULL;
CREATE INDEX hotseat_votes_by_course_created ON hotseat_votes (course_id, created_at);
CREATE INDEX hotseat_votes_by_person ON hotseat_votes (person_id);
CREATE INDEX hotseat_follow_ups_by_author ON hotseat_follow_ups (author_id);
CREATE INDEX participation_scores_by_person ON participation_scores (person_id);
CREATE INDEX alumni_profiles_by_person ON alumni_profiles (person_id);
`;
