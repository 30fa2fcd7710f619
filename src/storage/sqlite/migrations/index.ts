import * as initial from './001-initial';
import * as discussionRoom from './002-discussion-room';
import * as ltiAdvantage from './010-lti-advantage';
import * as hotseat from './020-hotseat';
import * as participationGrades from './030-participation-grades';
import * as alumni from './040-alumni';
import * as communityCare from './050-community-care';
import * as digests from './060-digests';
import * as careWiring from './070-care-wiring';
import * as personLocale from './080-person-locale';

/**
 * Numbered migrations, applied in order and recorded in `schema_migrations`.
 * Never edit a migration that has shipped; add the next number instead.
 * They are TypeScript modules (not .sql files) so the build carries them without a copy step.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  { version: 1, name: 'initial', sql: initial.sql },
  { version: 2, name: 'discussion-room', sql: discussionRoom.sql },
  { version: 10, name: 'lti-advantage', sql: ltiAdvantage.sql },
  { version: 20, name: 'hotseat', sql: hotseat.sql },
  { version: 30, name: 'participation-grades', sql: participationGrades.sql },
  { version: 40, name: 'alumni', sql: alumni.sql },
  { version: 50, name: 'community-care', sql: communityCare.sql },
  { version: 60, name: 'digests', sql: digests.sql },
  { version: 70, name: 'care-wiring', sql: careWiring.sql },
  { version: 80, name: 'person-locale', sql: personLocale.sql },
];
