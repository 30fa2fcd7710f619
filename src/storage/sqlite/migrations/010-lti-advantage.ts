/**
 * LTI Advantage: memberships learned from the LMS roster (and removed by it), the service endpoints
 * each course's launches carried with the roster sync's state, and short-lived tickets for the flows
 * that span several requests (login details, deep-link requests, new-window handoffs, registration
 * invitations).
 */
export const sql = /* sql */ `
ALTER TABLE memberships ADD COLUMN source TEXT NOT NULL DEFAULT 'launch' CHECK (source IN ('launch', 'roster'));
ALTER TABLE memberships ADD COLUMN removed_at INTEGER;

CREATE TABLE course_lti_services (
  course_id               TEXT PRIMARY KEY REFERENCES courses(id),
  issuer                  TEXT NOT NULL,
  client_id               TEXT NOT NULL,
  deployment_id           TEXT NOT NULL,
  memberships_url         TEXT,
  line_items_url          TEXT,
  grade_scopes            TEXT NOT NULL DEFAULT '[]',
  updated_at              INTEGER NOT NULL,
  roster_last_attempt_at  INTEGER,
  roster_last_success_at  INTEGER,
  roster_last_error       TEXT,
  roster_member_count     INTEGER,
  roster_claimed_until    INTEGER
);
CREATE INDEX course_lti_services_roster_due ON course_lti_services (roster_last_attempt_at) WHERE memberships_url IS NOT NULL;

CREATE TABLE lti_tickets (
  kind       TEXT NOT NULL CHECK (kind IN ('login', 'deep-link', 'handoff', 'registration-invite')),
  id         TEXT NOT NULL,
  data       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX lti_tickets_by_expiry ON lti_tickets (expires_at);
`;
