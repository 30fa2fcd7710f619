import mongoose, { type ClientSession, type Connection } from 'mongoose';
import type { Repositories, Storage } from '../ports';
import { mongoContext, runTransaction } from './context';
import { MongoCourses } from './repositories/courses';
import { MongoDeployments } from './repositories/deployments';
import { EVENT_COUNTER, MongoCourseEvents } from './repositories/events';
import { MongoLaunchStates } from './repositories/launch-states';
import { MongoCourseLtiServices, MongoLtiTickets, MongoRoster } from './repositories/lti';
import { MongoMemberships } from './repositories/memberships';
import { MongoPeople } from './repositories/people';
import { MongoSessions } from './repositories/sessions';
import { MongoCourseSettings, MongoNotifications, MongoPseudonyms, MongoReports } from './repositories/community';
import { MongoReplies } from './repositories/replies';
import { MongoFollows, MongoReadState, MongoRevisions, MongoTags, MongoVotes } from './repositories/room-extras';
import { MongoSearch } from './repositories/search';
import { MongoThreads } from './repositories/threads';
import { defineModels, type MongoModels } from './schemas';
import { defineLtiModels, type LtiModels } from './lti-schemas';
import { defineGradeModels, type GradeModels } from './grades-schemas';
import { MongoParticipation, MongoParticipationGrades } from './repositories/grades';
import { defineHotseatModels, type HotseatModels } from './hotseat-schemas';
import { MongoHotseatFollowUps, MongoHotseatQuestions, MongoHotseatVotes } from './repositories/hotseat-questions';
import { MongoHotseatHosts, MongoHotseatInvitations, MongoHotseats } from './repositories/hotseats';
import { upgradeDocuments } from './upgrade';
import { careModels } from './care-schemas';
import { mongoCareRepositories } from './repositories/care';
import { digestModels } from './digest-schemas';
import { mongoDigestRepositories } from './repositories/digests';
import { defineAlumniModels, type AlumniModels } from './alumni-schemas';
import { MongoAlumni, MongoAlumniCourses, MongoCommunities } from './repositories/alumni-communities';
import { MongoAlumniProfiles, MongoAlumniQuestions, MongoPrompts, MongoSignIn } from './repositories/alumni-people';

function repositories(connection: Connection, models: MongoModels, session: ClientSession | undefined, lti: LtiModels, grades: GradeModels, hotseat: HotseatModels, alumni: AlumniModels): Repositories {
  const ctx = mongoContext(connection, models, session);
  return {
    courses: new MongoCourses(ctx),
    people: new MongoPeople(ctx),
    memberships: new MongoMemberships(ctx),
    sessions: new MongoSessions(ctx),
    launchStates: new MongoLaunchStates(ctx),
    deployments: new MongoDeployments(ctx),
    threads: new MongoThreads(ctx),
    replies: new MongoReplies(ctx),
    revisions: new MongoRevisions(ctx),
    votes: new MongoVotes(ctx),
    tags: new MongoTags(ctx),
    follows: new MongoFollows(ctx),
    readState: new MongoReadState(ctx),
    notifications: new MongoNotifications(ctx),
    reports: new MongoReports(ctx),
    settings: new MongoCourseSettings(ctx),
    pseudonyms: new MongoPseudonyms(ctx),
    search: new MongoSearch(ctx),
    events: new MongoCourseEvents(ctx),
    ltiTickets: new MongoLtiTickets(ctx, lti),
    ltiServices: new MongoCourseLtiServices(ctx, lti),
    roster: new MongoRoster(ctx),
    participation: new MongoParticipation(ctx),
    participationGrades: new MongoParticipationGrades(ctx, grades),
    hotseats: new MongoHotseats(ctx, hotseat),
    hotseatHosts: new MongoHotseatHosts(ctx, hotseat),
    hotseatInvitations: new MongoHotseatInvitations(ctx, hotseat),
    hotseatQuestions: new MongoHotseatQuestions(ctx, hotseat),
    hotseatVotes: new MongoHotseatVotes(ctx, hotseat),
    hotseatFollowUps: new MongoHotseatFollowUps(ctx, hotseat),
    communities: new MongoCommunities(ctx, alumni),
    alumniCourses: new MongoAlumniCourses(ctx, alumni),
    alumni: new MongoAlumni(ctx, alumni),
    alumniProfiles: new MongoAlumniProfiles(ctx, alumni),
    signIn: new MongoSignIn(ctx, alumni),
    prompts: new MongoPrompts(ctx, alumni),
    alumniQuestions: new MongoAlumniQuestions(ctx, alumni),
    ...mongoCareRepositories(ctx, careModels(connection)),
    ...mongoDigestRepositories(ctx, digestModels(connection)),
  };
}

export interface MongoStorage extends Storage {
  /** The database this storage writes to (the one named in the URI). */
  readonly databaseName: string;
}

const NOT_A_REPLICA_SET =
  'MONGODB_URI must point to a replica set (Agora needs transactions): start mongod with --replSet, as docker-compose.yml does.';

function database(connection: Connection) {
  if (!connection.db) throw new Error('The MongoDB connection is not open.');
  return connection.db;
}

/** Transactions exist only on replica-set members and mongos routers, so refuse anything else up front. */
async function requireTransactions(connection: Connection): Promise<void> {
  const hello = await database(connection).admin().command({ hello: 1 });
  const replicaSetMember = typeof hello.setName === 'string';
  const router = hello.msg === 'isdbgrid';
  if (!replicaSetMember && !router) throw new Error(NOT_A_REPLICA_SET);
}

/**
 * Connects to the database named in `uri` and prepares its collections. Uses a connection of its
 * own: the global mongoose connection belongs to ltijs (its own mongoose copy), which keeps its
 * platforms, keys and tokens in the same database through `ltiStore`.
 */
export async function openMongoStorage(uri: string): Promise<MongoStorage> {
  const connection = mongoose.createConnection(uri);
  let models: MongoModels;
  let ltiModels: LtiModels;
  let gradeModels: GradeModels;
  let hotseatModels: HotseatModels;
  let alumniModels: AlumniModels;
  try {
    await connection.asPromise();
    await requireTransactions(connection);
    models = defineModels(connection);
    ltiModels = defineLtiModels(connection);
    gradeModels = defineGradeModels(connection);
    hotseatModels = defineHotseatModels(connection);
    alumniModels = defineAlumniModels(connection);
    // Build collections and indexes before the first write, so every unique rule holds from the
    // start. init() only creates what is missing; it never drops an index (syncIndexes would).
    await Promise.all(Object.values(models).map((model) => model.init()));
    await Promise.all(Object.values(ltiModels).map((model) => model.init()));
    await Promise.all(Object.values(gradeModels).map((model) => model.init()));
    await Promise.all(Object.values(hotseatModels).map((model) => model.init()));
    await Promise.all(Object.values(alumniModels).map((model) => model.init()));
    await Promise.all(Object.values(careModels(connection)).map((model) => model.init()));
    await Promise.all(Object.values(digestModels(connection)).map((model) => model.init()));
    // Create the event counter now, outside any transaction: two transactions that both tried to
    // insert it would fail on the duplicate key instead of retrying.
    await models.counters.updateOne({ _id: EVENT_COUNTER }, { $setOnInsert: { seq: 0 } }, { upsert: true });
    await upgradeDocuments(models);
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }

  const repos = repositories(connection, models, undefined, ltiModels, gradeModels, hotseatModels, alumniModels);

  return {
    ...repos,
    kind: 'mongo',
    databaseName: database(connection).databaseName,
    capabilities: { fullTextSearch: true, multiProcess: true },
    // ltijs connects on its own with this URL and keeps its collections (with their TTL indexes) here.
    ltiStore: { url: uri },

    transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
      // Operations on `tx` share one session: await them one after another, never in parallel.
      return runTransaction(connection, (session) => work(repositories(connection, models, session, ltiModels, gradeModels, hotseatModels, alumniModels)));
    },

    async ping() {
      await database(connection).admin().command({ ping: 1 });
    },

    async close() {
      await connection.close();
    },

    // ltijs's own expired tokens go by themselves: its collections carry TTL indexes.
    async purgeExpired(now: Date) {
      return (await repos.sessions.deleteExpired(now)) + (await repos.launchStates.deleteExpired(now))
        + (await repos.ltiTickets.deleteExpired(now));
    },
  };
}
