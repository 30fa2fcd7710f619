import { connectThroughProxy, post, startClusterWithCourse, until, type Cluster, type LiveClient, type Person } from './support/cluster';

/**
 * Fault: one of two processes is killed (SIGKILL) while posts keep coming. Its clients reconnect
 * through the same address, land on the surviving process, re-join with the last seq they saw,
 * and the replay fills the gap: nobody misses a post.
 */
describe('when one Agora process dies under load', () => {
  let cluster: Cluster;
  let courseId: string;
  let posters: Person[];
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    ({ cluster, courseId, posters } = await startClusterWithCourse(4));
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await cluster?.close();
  }, 30_000);

  it("reconnects its clients to the other process and replays what they missed", async () => {
    const [victim, survivor] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0]];
    const viewers = [await cluster.launch('viewer-1'), await cluster.launch('viewer-2'), await cluster.launch('viewer-3')];
    const onVictim: LiveClient[] = [];
    for (let i = 0; i < 12; i += 1) {
      const { client, node } = await connectThroughProxy(cluster, viewers[i % 3]!, courseId, { reconnect: true });
      clients.push(client);
      if (node === victim) onVictim.push(client);
    }
    expect(onVictim.length).toBe(6);

    // Twenty posts, one every 50 ms, all through the survivor; the victim dies after the sixth.
    const threadIds: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      if (i === 6) await victim.child.stop('SIGKILL');
      threadIds.push(await post(survivor.url, courseId, posters[i % posters.length]!, `Post ${i + 1}`));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    await until(() => clients.every((c) => threadIds.every((id) => c.seen.has(id))), 15_000, () =>
      clients.map((c, i) => `client ${i} (joins ${c.joins}, ${c.lastJoinError ?? 'ok'}): ${threadIds.filter((id) => !c.seen.has(id)).length} missing`).join('; '));
    // Everyone who was on the killed process lost its connection and joined again (on the survivor).
    for (const client of onVictim) {
      expect(client.disconnects).toBeGreaterThanOrEqual(1);
      expect(client.joins).toBeGreaterThanOrEqual(2);
    }
    expect(cluster.proxy.active.get(victim.port)).toBe(0);
    for (const client of clients) expect(threadIds.filter((id) => !client.seen.has(id))).toEqual([]);
  }, 45_000);
});
