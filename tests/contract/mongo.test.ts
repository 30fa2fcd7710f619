/**
 * The storage contract against MongoDB. It runs when MONGODB_URI points at a replica set, e.g.
 *   MONGODB_URI='mongodb://localhost:27017/?replicaSet=rs0' npx jest tests/contract/mongo
 * Each test gets a database of its own, agora_test_<random>, dropped when the test closes its
 * storage; the database named in the URI is never written to. As in NodeBB's test setup, nothing
 * is dropped unless its name says it is a test database.
 */
import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { openMongoStorage } from '../../src/storage/mongo';
import type { Storage } from '../../src/storage/ports';
import { describeStorageContract } from './storage-contract';

const NOT_RUN = 'MongoDB contract suite not run: MONGODB_URI is not set';
const TEST_PREFIX = 'agora_test_';

/** `uri` with its database replaced by `name`; credentials still authenticate where they did. */
function withDatabase(uri: string, name: string): string {
  // Hosts cannot contain '/' or '?' (the URI spec has credentials percent-encode them).
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/([^?]*))?(?:\?(.*))?$/.exec(uri);
  if (!match) throw new Error('MONGODB_URI must start with mongodb:// or mongodb+srv://.');
  const [, hosts = '', database = '', query = ''] = match;
  const params = query ? query.split('&') : [];
  // Without authSource the driver authenticates against the URI's database: pin that one.
  if (hosts.includes('@') && !params.some((param) => /^authsource=/i.test(param))) {
    params.push(`authSource=${database || 'admin'}`);
  }
  return `${hosts}/${name}${params.length > 0 ? `?${params.join('&')}` : ''}`;
}

function refuseUnlessTestDatabase(name: string): void {
  if (!name.startsWith(TEST_PREFIX)) {
    throw new Error(`Refusing to use database "${name}" for tests: test databases are named ${TEST_PREFIX}*.`);
  }
}

const uri = process.env.MONGODB_URI;

if (uri) {
  // One connection of the test's own, only to drop each test's database afterwards.
  let admin: Connection | null = null;
  afterAll(async () => {
    await admin?.close();
  });

  async function dropDatabase(name: string): Promise<void> {
    refuseUnlessTestDatabase(name);
    admin ??= await mongoose.createConnection(uri!).asPromise();
    await admin.useDb(name, { useCache: false }).dropDatabase();
  }

  async function openFreshStorage(): Promise<Storage> {
    const name = `${TEST_PREFIX}${randomBytes(6).toString('hex')}`;
    const storage = await openMongoStorage(withDatabase(uri!, name));
    // Check the database the storage really uses, not just the name we asked for.
    if (storage.databaseName !== name) {
      await storage.close();
      throw new Error(`Expected the storage to use database "${name}", but it uses "${storage.databaseName}".`);
    }
    return {
      ...storage,
      async close() {
        try {
          await dropDatabase(storage.databaseName);
        } finally {
          await storage.close();
        }
      },
    };
  }

  describeStorageContract('MongoDB', openFreshStorage);
} else {
  console.warn(NOT_RUN);
  it(NOT_RUN, () => {
    expect(process.env.MONGODB_URI ?? '').toBe('');
  });
}
