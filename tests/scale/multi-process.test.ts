import { connectThroughProxy, LiveClient, post, startClusterWithCourse, until, type Cluster, type Person } from './support/cluster';

/**
 * Two Agora processes, one SQLite file, Redis Streams between them, one public address (a
 * round-robin proxy with no stickiness): every client sees every post exactly once, whichever
 * process it is connected to and whichever process took the post.
 */
describe('several Agora processes behind one address', () => {
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

  it('delivers every post to every client once, whichever process each is on', async () => {
    const viewers = [await cluster.launch('viewer-1'), await cluster.launch('viewer-2')];
    // Six connections in a row through the one address: the proxy alternates, three per process.
    const landedOn = new Map<string, number>();
    for (let i = 0; i < 6; i += 1) {
      const { client, node } = await connectThroughProxy(cluster, viewers[i % 2]!, courseId);
      clients.push(client);
      landedOn.set(node.name, (landedOn.get(node.name) ?? 0) + 1);
    }
    expect(Object.fromEntries(landedOn)).toEqual({ A: 3, B: 3 });
    // The teacher's own client too (staff and authors get their own version of each event).
    const teacherClient = new LiveClient(cluster.nodes[0]!.url, posters[0]!, courseId, { origin: cluster.url });
    clients.push(teacherClient);
    await teacherClient.joined();

    // Posts taken by both processes, alternately, from three people.
    const threadIds: string[] = [];
    for (let i = 0; i < 9; i += 1) {
      const node = cluster.nodes[i % 2]!;
      threadIds.push(await post(node.url, courseId, posters[i % 3]!, `Post ${i + 1} via ${node.name}`));
    }

    await until(() => clients.every((c) => threadIds.every((id) => c.seen.has(id))), 10_000, () =>
      clients.map((c, i) => `client ${i}: ${threadIds.filter((id) => !c.seen.has(id)).length} missing`).join(', '));
    // Give duplicates a moment to show up, then count.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const client of clients) {
      expect(threadIds.map((id) => client.live.get(id))).toEqual(threadIds.map(() => 1));
      expect(client.live.size).toBe(threadIds.length);
    }
  });
});
