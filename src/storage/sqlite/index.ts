import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Repositories, Storage } from '../ports';
import { LtijsSqlitePlugin } from './ltijs-plugin';
import { migrate } from './migrate';
import type { SqliteContext } from './rows';
import { SqliteCourses } from './repositories/courses';
import { SqliteDeployments } from './repositories/deployments';
import { SqliteCourseEvents } from './repositories/events';
import { SqliteLaunchStates } from './repositories/launch-states';
import { SqliteCourseLtiServices, SqliteLtiTickets, SqliteRoster } from './repositories/lti';
import { SqliteParticipation, SqliteParticipationGrades } from './repositories/grades';
import { SqliteMemberships } from './repositories/memberships';
import { SqlitePeople } from './repositories/people';
import { SqliteSessions } from './repositories/sessions';
import { SqliteCourseSettings, SqliteNotifications, SqlitePseudonyms, SqliteReports } from './repositories/community';
import { SqliteReplies } from './repositories/replies';
import { SqliteFollows, SqliteReadState, SqliteRevisions, SqliteTags, SqliteVotes } from './repositories/room-extras';
import { SqliteSearch } from './repositories/search';
import { SqliteThreads } from './repositories/threads';
import { SqliteHotseatFollowUps, SqliteHotseatQuestions, SqliteHotseatVotes } from './repositories/hotseat-questions';
import { SqliteHotseatHosts, SqliteHotseatInvitations, SqliteHotseats } from './repositories/hotseats';
import { sqliteCareRepositories } from './repositories/care';
import { sqliteDigestRepositories } from './repositories/digests';
import { SqliteAlumni, SqliteAlumniCourses, SqliteCommunities } from './repositories/alumni-communities';
import { SqliteAlumniProfiles, SqliteAlumniQuestions, SqlitePrompts, SqliteSignIn } from './repositories/alumni-people';
import { WriteLock } from './write-lock';
import { cacheStatements } from './statement-cache';

function repositories(ctx: SqliteContext): Repositories {
  return {
    courses: new SqliteCourses(ctx),
    people: new SqlitePeople(ctx),
    memberships: new SqliteMemberships(ctx),
    sessions: new SqliteSessions(ctx),
    launchStates: new SqliteLaunchStates(ctx),
    deployments: new SqliteDeployments(ctx),
    threads: new SqliteThreads(ctx),
    replies: new SqliteReplies(ctx),
    revisions: new SqliteRevisions(ctx),
    votes: new SqliteVotes(ctx),
    tags: new SqliteTags(ctx),
    follows: new SqliteFollows(ctx),
    readState: new SqliteReadState(ctx),
    notifications: new SqliteNotifications(ctx),
    reports: new SqliteReports(ctx),
    settings: new SqliteCourseSettings(ctx),
    pseudonyms: new SqlitePseudonyms(ctx),
    search: new SqliteSearch(ctx),
    events: new SqliteCourseEvents(ctx),
    ltiTickets: new SqliteLtiTickets(ctx),
    ltiServices: new SqliteCourseLtiServices(ctx),
    roster: new SqliteRoster(ctx),
    participation: new SqliteParticipation(ctx),
    participationGrades: new SqliteParticipationGrades(ctx),
    hotseats: new SqliteHotseats(ctx),
    hotseatHosts: new SqliteHotseatHosts(ctx),
    hotseatInvitations: new SqliteHotseatInvitations(ctx),
    hotseatQuestions: new SqliteHotseatQuestions(ctx),
    hotseatVotes: new SqliteHotseatVotes(ctx),
    hotseatFollowUps: new SqliteHotseatFollowUps(ctx),
    communities: new SqliteCommunities(ctx),
    alumniCourses: new SqliteAlumniCourses(ctx),
    alumni: new SqliteAlumni(ctx),
    alumniProfiles: new SqliteAlumniProfiles(ctx),
    signIn: new SqliteSignIn(ctx),
    prompts: new SqlitePrompts(ctx),
    alumniQuestions: new SqliteAlumniQuestions(ctx),
    ...sqliteCareRepositories(ctx),
    ...sqliteDigestRepositories(ctx),
  };
}

export interface SqliteStorage extends Storage {
  readonly file: string;
}

/** Opens (and creates or migrates) the SQLite database at `file`. */
export function openSqliteStorage(file: string): SqliteStorage {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  cacheStatements(db);

  const lock = new WriteLock();
  const shared: SqliteContext = { db, write: (work) => lock.run(work) };
  const repos = repositories(shared);
  const ltijs = new LtijsSqlitePlugin(shared);

  return {
    ...repos,
    kind: 'sqlite',
    file,
    capabilities: { fullTextSearch: true, multiProcess: false },
    ltiStore: { plugin: ltijs },

    transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
      return lock.run(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(repos);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      });
    },

    async ping() {
      db.prepare('SELECT 1').get();
    },

    async close() {
      await lock.run(() => undefined);
      if (db.open) db.close();
    },

    async purgeExpired(now: Date) {
      return (await repos.sessions.deleteExpired(now))
        + (await repos.launchStates.deleteExpired(now))
        + (await repos.ltiTickets.deleteExpired(now))
        + (await ltijs.deleteExpired(now));
    },
  };
}
