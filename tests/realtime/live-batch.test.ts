import type { Socket } from 'socket.io-client';
import { resolveActor } from '../../src/commands/resolve-actor';
import { startThread } from '../../src/commands/discussion/start-thread';
import type { Anonymity } from '../../src/domain/discussion';
import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { cookieHeader, type Browser } from '../support/launch';
import { act, postThread } from '../support/room';
import { collect, connected, connectSocket, joinCourse } from '../support/socket';

interface Live { seq: number; type: string; threadId: string; threadItemHtml: string | null }

/**
 * Events that become ready in the same turn of the event loop leave as one frame per socket
 * (`course:events`, in seq order), each viewer getting exactly the versions it would get one by one:
 * an anonymous author's identity stays out of everyone else's frame.
 */
describe('live events batched per turn', () => {
  let f: CourseFixture;
  const sockets: Socket[] = [];
  const personIds: Record<string, string> = {};

  const open = async (browser: Browser) => {
    const socket = connectSocket(f.agora.url, cookieHeader(browser, f.agora.url));
    sockets.push(socket);
    await connected(socket);
    await joinCourse(socket, f.courseId);
    return { single: collect<Live>(socket, 'course:event'), batches: collect<Live[]>(socket, 'course:events') };
  };
  /** Starts a thread through the command itself, so two can commit in one turn. */
  const start = async (who: string, title: string, anonymity: Anonymity) => {
    const { actor } = await resolveActor(f.agora.ctx, personIds[who]!, f.courseId);
    return () => startThread(f.agora.ctx, actor, { courseId: f.courseId, kind: 'discussion', title, body: `About ${title}`, anonymity, tagIds: [] });
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  beforeAll(async () => {
    f = await startCourseFixture();
    for (const [who, browser] of [['ada', f.ada], ['bo', f.bo]] as const) {
      const named = await postThread(browser, f.courseId, { title: `Hello from ${who}`, body: 'hi' });
      personIds[who] = (await f.agora.storage.threads.findById(f.courseId, named.id))!.authorId;
    }
    await act(f.grace, f.courseId, `/c/${f.courseId}/discussion/settings`, { anonymity: 'everyone', postingPolicy: '' });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => f.close());

  it('sends two events of one turn as one frame in seq order, each audience its own versions', async () => {
    const [ada, bo, grace] = [await open(f.ada), await open(f.bo), await open(f.grace)];
    const [byAda, byBo] = [await start('ada', 'Whispered question', 'everyone'), await start('bo', 'Loud question', 'named')];
    // Both commands run in the same turn; their events are published after each commit.
    const [adaThread, boThread] = await Promise.all([byAda(), byBo()]);
    await settle();

    // The order the two commit in is the store's (seq); every frame follows it.
    const seqOf = new Map<string, number>();
    for (const viewer of [ada, bo, grace]) {
      expect(viewer.single()).toEqual([]);
      expect(viewer.batches()).toHaveLength(1);
      const frame = viewer.batches()[0]!;
      expect(frame.map((e) => e.threadId).sort()).toEqual([adaThread.id, boThread.id].sort());
      expect(frame[0]!.seq).toBeLessThan(frame[1]!.seq);
      for (const e of frame) seqOf.set(e.threadId, e.seq);
    }
    expect(seqOf.size).toBe(2);
    const version = (viewer: typeof ada, threadId: string) => viewer.batches()[0]!.find((e) => e.threadId === threadId)!;
    // Ada alone sees that the anonymous post is hers; nobody else's frame names her.
    expect(version(ada, adaThread.id).threadItemHtml).toContain('(you)');
    for (const peers of [bo, grace]) {
      const text = JSON.stringify(peers.batches());
      for (const trace of ['Ada', 'Lovelace', personIds.ada!]) expect(text).not.toContain(trace);
      expect(version(peers, adaThread.id).threadItemHtml).not.toContain('(you)');
    }
    // Bo's named post: his own version to him, the peers' version to the others.
    expect(version(bo, boThread.id).threadItemHtml).toContain('(you)');
    for (const peers of [ada, grace]) {
      expect(version(peers, boThread.id).threadItemHtml).toContain('Bo Diddley');
      expect(version(peers, boThread.id).threadItemHtml).not.toContain('(you)');
    }
  });

  it('sends an event alone in its turn as a single course:event, at once', async () => {
    const grace = await open(f.grace);
    const byBo = await start('bo', 'On its own', 'named');
    await byBo();
    await settle();
    expect(grace.batches()).toEqual([]);
    expect(grace.single().map((e) => e.type)).toEqual(['thread.created']);
  });
});
