import { freePort } from '../../bench/lib/ports';
import { allSee, health, LiveClient, post, startClusterWithCourse, viewersOnBoth, type AgoraNode, type Cluster, type Person } from './support/cluster';
import { RoundRobinProxy } from './support/proxy';

/**
 * Fault: only process A loses Redis (its link is cut; B keeps it). What A took meanwhile never
 * entered the stream, so B's clients missed it, and B, which never lost Redis, has nothing to
 * recover from: when A is back, it tells B, and B tells its own clients to catch up
 * (src/realtime/catch-up.ts). The same covers A coming back seconds after B (reconnection back-off).
 */
describe('when one process loses Redis and gets it back', () => {
  let cluster: Cluster;
  let courseId: string;
  let posters: Person[];
  const clients: LiveClient[] = [];
  /** Process A's connection to Redis goes through this one-backend relay; closing it cuts the link. */
  let link: RoundRobinProxy | null = null;
  let linkPort = 0;
  let redisPort = 0;

  beforeAll(async () => {
    ({ cluster, courseId, posters } = await startClusterWithCourse(2, {
      async redisUrlFor(redis, index) {
        if (index !== 0) return redis.url;
        redisPort = redis.port;
        linkPort = await freePort();
        link = await RoundRobinProxy.start(linkPort, [redisPort]);
        return `redis://127.0.0.1:${linkPort}`;
      },
    }));
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await cluster?.close();
    await link?.close();
  }, 30_000);

  it('tells the other process\'s clients to catch up, so they receive what A took while it was cut off', async () => {
    const [a, b] = cluster.nodes as [AgoraNode, AgoraNode];
    const { onA, onB, everyone } = await viewersOnBoth(cluster, courseId, clients);
    const statusOf = async (node: AgoraNode) => (await health(node.url)).body.status;
    const waitFor = async (node: AgoraNode, status: string) => {
      const deadline = Date.now() + 15_000;
      while ((await statusOf(node)) !== status) {
        if (Date.now() > deadline) throw new Error(`${node.name} is not "${status}" after 15 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    await allSee([await post(a.url, courseId, posters[0]!, 'Before the cut')], everyone, 10_000);

    await link!.close();
    link = null;
    await waitFor(a, 'degraded');
    expect(await statusOf(b)).toBe('ok');

    const cutOffOnA = await post(a.url, courseId, posters[1]!, 'Taken by A while cut off');
    await allSee([cutOffOnA], onA, 3000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(onB.some((c) => c.seen.has(cutOffOnA))).toBe(false);

    link = await RoundRobinProxy.start(linkPort, [redisPort]);
    await waitFor(a, 'ok');

    // B never lost Redis: only A's word brings B's clients the post, on the same connection.
    await allSee([cutOffOnA], everyone, 10_000);
    for (const client of onB) {
      expect(client.catchUps).toBeGreaterThanOrEqual(1);
      expect(client.disconnects).toBe(0);
    }
    await allSee([await post(a.url, courseId, posters[2]!, 'After the link is back')], everyone, 10_000);
  }, 60_000);
});
