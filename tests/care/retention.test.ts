import type { Socket } from 'socket.io-client';
import { purgeActivityLogs } from '../../src/commands/care/retention';
import type { StoredCourseEvent } from '../../src/domain/events';
import { cookieHeader } from '../support/launch';
import { act, postThread } from '../support/room';
import { connected, connectSocket, joinCourse } from '../support/socket';
import { DAY, personIdOf, startCareFixture, type CareFixture } from './support';

/**
 * Activity-log retention: each course's course events (the log live clients replay after a lost
 * connection) older than its setting are deleted by the purge agora.ts schedules; a client whose
 * last event is gone is told to reload; nothing else in the course changes.
 */
describe('activity-log retention', () => {
  let f: CareFixture;
  const sockets: Socket[] = [];
  const oldEvents: Record<string, StoredCourseEvent[]> = {};

  /** Course events written `daysAgo` days ago, straight into the log (a test cannot wait days). */
  async function oldEventsIn(courseId: string, daysAgo: number, count: number): Promise<StoredCourseEvent[]> {
    const actorId = await personIdOf(f, courseId === f.courseId ? 'ada' : 'eve', courseId);
    const at = new Date(f.now().getTime() - daysAgo * DAY);
    const events: StoredCourseEvent[] = [];
    for (let i = 0; i < count; i += 1) events.push(await f.agora.storage.events.append({ type: 'thread.created', threadId: 'gone', courseId, space: 'discussion', actorId }, at));
    return events;
  }

  beforeAll(async () => {
    f = await startCareFixture();
    oldEvents.biology = await oldEventsIn(f.courseId, 5, 3);
    oldEvents.chemistry = await oldEventsIn(f.otherCourseId, 100, 3);
    await postThread(f.ada, f.courseId, { title: 'Fresh news', body: 'today' });
    expect((await act(f.grace, f.courseId, `/c/${f.courseId}/care/settings`, { answerTargetHours: 24, quietDays: 7, retentionDays: 2 })).status).toBe(200);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => f.close());

  it('deletes each course\'s events older than its retention setting, keeping each course\'s newest event', async () => {
    const biologyLatest = await f.agora.storage.events.latestSeq(f.courseId);
    const chemistryLatest = await f.agora.storage.events.latestSeq(f.otherCourseId);
    const reports = await purgeActivityLogs(f.agora.ctx);
    expect(reports).toEqual(expect.arrayContaining([
      { courseId: f.courseId, retentionDays: 2, deleted: 3 },
      // Chemistry keeps the default 90 days; its newest event stays however old, so latestSeq still means something.
      { courseId: f.otherCourseId, retentionDays: 90, deleted: 2 },
    ]));
    const remaining = await f.agora.storage.events.listAfter(f.courseId, 0, 100);
    expect(remaining.map((e) => e.seq)).not.toEqual(expect.arrayContaining([oldEvents.biology![0]!.seq]));
    expect(remaining.length).toBeGreaterThan(0);
    expect(await f.agora.storage.events.latestSeq(f.courseId)).toBe(biologyLatest);
    expect(await f.agora.storage.events.latestSeq(f.otherCourseId)).toBe(chemistryLatest);
    // Next time only Chemistry's kept (old) newest event is a candidate, and stays.
    expect(await purgeActivityLogs(f.agora.ctx)).toEqual([{ courseId: f.otherCourseId, retentionDays: 90, deleted: 0 }]);
  });

  it('reports the last clean-up to staff on the care settings page', async () => {
    const page = await f.grace.get(`/c/${f.courseId}/care/settings`);
    expect(page.text).toMatch(/Last clean-up <time[^>]*>[^<]*<\/time>: 3 activity records deleted\./);
    const chemistry = await f.agora.storage.activityLog.findPurge(f.otherCourseId);
    // The second run found nothing more to delete; what was purged stays recorded.
    expect(chemistry).toMatchObject({ purgedThroughSeq: oldEvents.chemistry![1]!.seq, lastPurgeCount: 0 });
  });

  it('tells a client that last saw a purged event to reload, and still replays for one that did not', async () => {
    const socket = connectSocket(f.agora.url, cookieHeader(f.bo, f.agora.url));
    sockets.push(socket);
    await connected(socket);
    const stale = await joinCourse<{ resync: boolean; replayed: unknown[] }>(socket, f.courseId, oldEvents.biology![0]!.seq);
    expect(stale.ok).toBe(true);
    expect(stale.data).toMatchObject({ resync: true, replayed: [] });

    const seen = await f.agora.storage.events.latestSeq(f.courseId);
    const thread = await postThread(f.ada, f.courseId, { title: 'After the purge', body: 'new' });
    const fresh = await joinCourse<{ resync: boolean; replayed: Array<{ threadId: string }> }>(socket, f.courseId, seen);
    expect(fresh.data.resync).toBe(false);
    expect(fresh.data.replayed.map((e) => e.threadId)).toEqual([thread.id]);
  });

  it('leaves everything else in the course as it was', async () => {
    expect((await f.bo.get(`/c/${f.courseId}`)).status).toBe(200);
    const threads = (await f.bo.get(`/api/courses/${f.courseId}/threads`)).body.data.threads.map((t: { title: string }) => t.title);
    expect(threads).toEqual(expect.arrayContaining(['Fresh news', 'After the purge']));
    expect((await f.grace.get(`/c/${f.courseId}/care/insights`)).status).toBe(200);
  });

  it('keeps retention within sensible bounds', async () => {
    const response = await act(f.grace, f.courseId, `/c/${f.courseId}/care/settings`, { answerTargetHours: 24, quietDays: 7, retentionDays: 0 });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('RETENTION_OUT_OF_RANGE');
  });
});
