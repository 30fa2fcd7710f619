import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connectClient, type Socket } from 'socket.io-client';
import { LiveBatcher, type ReadyLiveEvent } from '../../src/realtime/live-batch';
import type { LiveEvent } from '../../src/realtime/live-events';

/**
 * When the batcher sends: at once (end of the turn) when the process keeps up, and, right after a
 * flush, only once as much time has passed as that flush took, with everything ready meanwhile in one
 * frame. A real socket.io server and clients; the events are bare, the batcher never looks inside them.
 */
describe('LiveBatcher timing', () => {
  const room = 'course:c1:learner:en';
  let server: http.Server;
  let io: Server;
  const clients: Socket[] = [];

  const event = (seq: number): ReadyLiveEvent => ({
    seq,
    courseId: 'c1',
    peers: new Map([[room, { seq, type: 'thread.created' } as unknown as LiveEvent]]),
    author: null,
  });

  beforeAll(async () => {
    server = http.createServer();
    io = new Server(server, { serveClient: false });
    io.on('connection', (socket) => void socket.join(room));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    for (let i = 0; i < 50; i += 1) {
      const client = connectClient(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true, reconnection: false });
      clients.push(client);
      await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    }
    // Joined once the server has seen every connection.
    while ((io.sockets.adapter.rooms.get(room)?.size ?? 0) < clients.length) await new Promise((resolve) => setTimeout(resolve, 10));
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    io.close();
  });

  /** Every frame each client receives until `count` events have reached all of them. */
  const framesUntil = (count: number) => Promise.all(clients.map((client) => new Promise<Array<number | number[]>>((resolve) => {
    const frames: Array<number | number[]> = [];
    let seen = 0;
    const done = () => {
      if (seen < count) return;
      client.off('course:event', single);
      client.off('course:events', batch);
      resolve(frames);
    };
    const single = (e: { seq: number }) => { frames.push(e.seq); seen += 1; done(); };
    const batch = (list: Array<{ seq: number }>) => { frames.push(list.map((e) => e.seq)); seen += list.length; done(); };
    client.on('course:event', single);
    client.on('course:events', batch);
  })));

  it('sends an event on its own at the end of the turn when nothing was sent just before', async () => {
    const batcher = new LiveBatcher(io);
    const arriving = framesUntil(1);
    const started = performance.now();
    batcher.add(event(1));
    for (const frames of await arriving) expect(frames).toEqual([1]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('right after a flush, holds what comes next for as long as the flush took and sends it in one frame', async () => {
    const batcher = new LiveBatcher(io);
    const arriving = framesUntil(4);
    // A heavy event makes the flush take a few ms: 50 sockets × 256 KB.
    const heavy = event(10);
    heavy.peers = new Map([[room, { seq: 10, type: 'thread.created', padding: 'x'.repeat(256 * 1024) } as unknown as LiveEvent]]);
    batcher.add(heavy);
    const started = performance.now();
    batcher.flush();
    const took = performance.now() - started;
    expect(took).toBeGreaterThan(2);
    // An event at once, two more 1 ms later: all within the quiet time, so they leave together
    // (sent at once, 12 would leave alone, at the end of this turn).
    batcher.add(event(12));
    setTimeout(() => {
      batcher.add(event(11));
      batcher.add(event(13));
    }, 1);
    for (const frames of await arriving) expect(frames).toEqual([10, [11, 12, 13]]);
  });

  it('sends events of the same turn together, in seq order', async () => {
    const batcher = new LiveBatcher(io);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const arriving = framesUntil(2);
    batcher.add(event(21));
    batcher.add(event(20));
    for (const frames of await arriving) expect(frames).toEqual([[20, 21]]);
  });
});
