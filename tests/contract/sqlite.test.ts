import { openSqliteStorage } from '../../src/storage/sqlite';
import { tempDir } from '../support/temp';
import { describeStorageContract } from './storage-contract';

describeStorageContract('SQLite', async () => openSqliteStorage(`${tempDir('contract')}/agora.sqlite`));
