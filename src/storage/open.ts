import path from 'node:path';
import type { Config } from '../config';
import type { Storage } from './ports';

/** The backend is chosen once, here, from configuration: MongoDB when MONGODB_URI is set, SQLite otherwise. */
export async function openStorage(config: Pick<Config, 'mongodbUri' | 'dataDir'>): Promise<Storage> {
  if (config.mongodbUri) {
    const { openMongoStorage } = await import('./mongo');
    return openMongoStorage(config.mongodbUri);
  }
  const { openSqliteStorage } = await import('./sqlite');
  return openSqliteStorage(path.join(config.dataDir, 'agora.sqlite'));
}
