import { allSee, health, LiveClient, post, startClusterWithCourse, viewersOnBoth, type Cluster, type Person } from './support/cluster';

/**
 * Fault: Redis goes away. Each process keeps serving its own clients (live posts, new joins),
 * /healthz says "degraded" (still 200: the store answers), and when Redis is back, posts cross
 * between the processes again, without restarting anything; the posts each process took during the
 * outage reach the other's clients too (each process tells its pages to catch up), with no
 * reconnection or reload.
 */
describe('when Redis goes down and comes back', () => {
  let cluster: Cluster;
  let courseId: string;
  let posters: Person[];
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    ({ cluster, courseId, posters } = await startClusterWithCourse(2));
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await cluster?.close();
  }, 30_000);

  it('keeps each process serving its own clients, reports degraded, and recovers', async () => {
    const [a, b] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0]];
    const { onA, onB, everyone, open } = await viewersOnBoth(cluster, courseId, clients);

    // Healthy: a post on A reaches B's clients through Redis.
    expect((await health(a.url)).body.status).toBe('ok');
    await allSee([await post(a.url, courseId, posters[0]!, 'Before the outage')], everyone);

    await cluster.redis.stop('SIGKILL');
    for (const node of cluster.nodes) {
      let answer = await health(node.url);
      const deadline = Date.now() + 5000;
      while (answer.body.status !== 'degraded' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        answer = await health(node.url);
      }
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ status: 'degraded', redis: { ok: false } });
    }

    // Down: each process still delivers its own posts to its own clients at once...
    const duringOnA = await post(a.url, courseId, posters[1]!, 'During the outage, on A');
    await allSee([duringOnA], onA, 3000);
    const duringOnB = await post(b.url, courseId, posters[2]!, 'During the outage, on B');
    await allSee([duringOnB], onB, 3000);
    // (Nothing carries them across yet.)
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(onB.some((c) => c.seen.has(duringOnA)) || onA.some((c) => c.seen.has(duringOnB))).toBe(false);
    // ...and still lets people join (presence falls back to this process's own sockets).
    await open(a.url);

    await cluster.redis.resume();
    for (const node of cluster.nodes) {
      const deadline = Date.now() + 15_000;
      while ((await health(node.url)).body.status !== 'ok') {
        if (Date.now() > deadline) throw new Error(`${node.name} still degraded 15 s after Redis came back`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }

    // Back: every client is told to catch up, and the other process's outage posts arrive, on the
    // same connection (no reconnection, no reload).
    await allSee([duringOnA, duringOnB], everyone, 10_000);
    for (const client of everyone) {
      expect(client.catchUps).toBeGreaterThanOrEqual(1);
      expect(client.disconnects).toBe(0);
    }

    // Posts cross between the processes again, both ways.
    await allSee([await post(a.url, courseId, posters[0]!, 'After the outage, on A')], everyone, 10_000);
    await allSee([await post(b.url, courseId, posters[1]!, 'After the outage, on B')], everyone, 10_000);
  }, 60_000);
});
