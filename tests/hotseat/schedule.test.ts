import { settleDueHotseats } from '../../src/commands/hotseat/phases';
import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { startTestAgora } from '../support/agora';
import { cookieHeader } from '../support/launch';
import { act } from '../support/room';
import { connectSocket, connected, nextEvent } from '../support/socket';
import { hotseatAct, hotseatPath, scheduleHotseat, TestClock, view } from './support';

describe('hotseat scheduling and phases', () => {
  let f: CourseFixture;
  const clock = new TestClock();
  beforeAll(async () => {
    f = await startCourseFixture({ now: clock.now });
  });
  afterAll(() => f.close());

  test('staff schedule a hotseat that moves from scheduled to collecting, live and closed as the clock passes each time', async () => {
    const id = await scheduleHotseat(f.grace, f.courseId, clock);
    expect((await view(f.ada, f.courseId, id)).phase).toBe('scheduled');
    clock.advance(11);
    expect((await view(f.ada, f.courseId, id)).phase).toBe('collecting');
    clock.advance(50);
    expect((await view(f.ada, f.courseId, id)).phase).toBe('live');
    clock.advance(60);
    expect((await view(f.ada, f.courseId, id)).phase).toBe('closed');
    // The scheduler records the move once, however many processes or ticks notice it.
    await settleDueHotseats(f.agora.ctx);
    expect((await f.agora.storage.hotseats.findById(f.courseId, id))!.phase).toBe('closed');
    expect(await settleDueHotseats(f.agora.ctx)).toBe(0);
  });

  test('the scheduler announces a phase change to watchers by itself, with nobody acting', async () => {
    const id = await scheduleHotseat(f.grace, f.courseId, clock, { opensAt: clock.inMinutes(1), startsAt: clock.inMinutes(2), endsAt: clock.inMinutes(30) });
    const socket = connectSocket(f.agora.url, cookieHeader(f.ada, f.agora.url));
    await connected(socket);
    const joined = await new Promise<{ ok: boolean }>((resolve) => socket.emit('hotseat:join', { courseId: f.courseId, hotseatId: id }, resolve));
    expect(joined.ok).toBe(true);
    const changed = nextEvent<{ change: string; phase: string }>(socket, 'hotseat:changed', 5000, (e) => e.change === 'phase');
    clock.advance(1.5);
    expect((await changed).phase).toBe('collecting');
    socket.disconnect();
  });

  test('a draft is invisible to learners until staff publish it', async () => {
    const id = await scheduleHotseat(f.grace, f.courseId, clock, { publish: false });
    const refused = await f.ada.get(hotseatPath(f.courseId, id)).set('Accept', 'application/json');
    expect(refused.status).toBe(404);
    const list = await f.ada.get(`/c/${f.courseId}/hotseats`).set('Accept', 'application/json');
    expect(JSON.stringify(list.body)).not.toContain(id);
    expect((await hotseatAct(f.grace, f.courseId, id, '/schedule', { action: 'publish' })).status).toBe(200);
    expect((await view(f.ada, f.courseId, id)).phase).toBe('scheduled');
  });

  test('staff start early, extend and close early; each moves the phase at once', async () => {
    const id = await scheduleHotseat(f.grace, f.courseId, clock);
    expect((await hotseatAct(f.grace, f.courseId, id, '/schedule', { action: 'start' })).body.data.phase).toBe('live');
    const before = (await f.agora.storage.hotseats.findById(f.courseId, id))!.endsAt.getTime();
    await hotseatAct(f.grace, f.courseId, id, '/schedule', { action: 'extend', minutes: 30 });
    expect((await f.agora.storage.hotseats.findById(f.courseId, id))!.endsAt.getTime()).toBe(before + 30 * 60_000);
    expect((await hotseatAct(f.grace, f.courseId, id, '/schedule', { action: 'close' })).body.data.phase).toBe('closed');
    const again = await hotseatAct(f.grace, f.courseId, id, '/schedule', { action: 'extend', minutes: 30 });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/already closed/);
  });

  test('learners cannot schedule or run a hotseat', async () => {
    const schedule = await act(f.ada, f.courseId, `/c/${f.courseId}/hotseats`, { title: 'Mine', startsAt: clock.inMinutes(5), endsAt: clock.inMinutes(50) });
    expect(schedule.status).toBe(403);
    expect((await f.agora.storage.hotseats.listByCourse(f.courseId)).some((h) => h.title === 'Mine')).toBe(false);
    const id = await scheduleHotseat(f.grace, f.courseId, clock);
    const start = await hotseatAct(f.ada, f.courseId, id, '/schedule', { action: 'start' });
    expect(start.status).toBe(403);
    expect(start.body.error.message).toMatch(/staff/);
  });

  test('bad times are refused with a sentence, and nothing is stored', async () => {
    const before = (await f.agora.storage.hotseats.listByCourse(f.courseId)).length;
    const backwards = await act(f.grace, f.courseId, `/c/${f.courseId}/hotseats`, { title: 'Backwards', startsAt: clock.inMinutes(60), endsAt: clock.inMinutes(30) });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toMatch(/end must come after the start/);
    const garbage = await act(f.grace, f.courseId, `/c/${f.courseId}/hotseats`, { title: 'Garbage', startsAt: 'soon', endsAt: clock.inMinutes(30) });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.message).toMatch(/date and a time/);
    expect((await f.agora.storage.hotseats.listByCourse(f.courseId)).length).toBe(before);
  });
});

describe('hotseat phases across a restart', () => {
  test('a hotseat whose end passed while Agora was down is closed and announced after it starts again', async () => {
    const clock = new TestClock();
    const f = await startCourseFixture({ now: clock.now });
    const id = await scheduleHotseat(f.grace, f.courseId, clock, { opensAt: clock.inMinutes(0), startsAt: clock.inMinutes(1), endsAt: clock.inMinutes(5) });
    const dataDir = f.agora.dataDir;
    await f.agora.close();
    clock.advance(10);
    const again = await startTestAgora({ DATA_DIR: dataDir }, { now: clock.now });
    try {
      expect((await again.storage.hotseats.findById(f.courseId, id))!.phase).toBe('collecting');
      const moved = await settleDueHotseats(again.ctx);
      expect(moved).toBeGreaterThanOrEqual(1);
      expect((await again.storage.hotseats.findById(f.courseId, id))!.phase).toBe('closed');
    } finally {
      await again.close();
      await f.platform.close();
    }
  });
});
