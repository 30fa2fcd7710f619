import { removeTempDirs } from './temp';

/** Each test file's databases and keys go when the file is done (Linux lets open files be unlinked). */
afterAll(() => removeTempDirs());
