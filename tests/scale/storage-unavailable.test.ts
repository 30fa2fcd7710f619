import path from 'node:path';
import Database from 'better-sqlite3';
import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { countRows } from '../support/db';
import { csrfToken } from '../support/launch';

/**
 * Fault: the database cannot be written. Made honestly on SQLite: another connection (a backup,
 * a maintenance job, another process) holds the file's write lock for longer than Agora's
 * busy_timeout, so SQLite answers SQLITE_BUSY. Writes then fail with a 503 and a sentence, nothing
 * is half-written, and once the lock is released Agora saves again without a restart.
 */
describe('when the database cannot be written', () => {
  let fixture: CourseFixture;
  let locker: Database.Database | null = null;

  beforeAll(async () => {
    fixture = await startCourseFixture();
  }, 30_000);

  afterAll(async () => {
    if (locker?.inTransaction) locker.exec('ROLLBACK');
    locker?.close();
    await fixture?.close();
  });

  it('refuses writes with a 503 and a sentence, writes nothing, and recovers without a restart', async () => {
    const { agora, grace, courseId } = fixture;
    const token = await csrfToken(grace, `/c/${courseId}/discussion`);
    const tables = ['threads', 'course_events'];
    const before = countRows(agora.dataDir, tables);

    locker = new Database(path.join(agora.dataDir, 'agora.sqlite'));
    locker.exec('BEGIN IMMEDIATE');

    const refused = await grace.post(`/api/courses/${courseId}/threads`).set('X-CSRF-Token', token).send({ title: 'While locked', body: 'Should not be saved.' });
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({ ok: false, error: { code: 'STORAGE_UNAVAILABLE', message: 'Agora cannot save right now; try again in a moment.' } });

    // The plain form (no JavaScript) gets the same sentence on a page.
    const page = await grace.post(`/c/${courseId}/discussion/threads`).type('form').send({ _csrf: token, title: 'While locked', body: 'Should not be saved either.' });
    expect(page.status).toBe(503);
    expect(page.text).toContain('Agora cannot save right now; try again in a moment.');

    expect(countRows(agora.dataDir, tables)).toEqual(before);

    locker.exec('ROLLBACK');
    locker.close();
    locker = null;

    const saved = await grace.post(`/api/courses/${courseId}/threads`).set('X-CSRF-Token', token).send({ title: 'After the lock', body: 'Saved this time.' });
    expect(saved.status).toBe(201);
    expect(countRows(agora.dataDir, tables)).toEqual({ threads: before.threads! + 1, course_events: before.course_events! + 1 });
  }, 30_000);
});
