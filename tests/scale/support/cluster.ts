/**
 * Two (or more) real Agora processes sharing one SQLite file and one Redis (Debian's redis-server
 * on a free port), behind a round-robin proxy that is their one public address, plus a test LMS
 * registered with them. Each process is a child started from bench/processes/agora-server.ts
 * (startAgora configured from the environment, as `npm start` does).
 */
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { freePort } from '../../../bench/lib/ports';
import { RedisServer } from '../../../bench/lib/redis';
import { newSecret, startAgoraProcess, type AgoraProcess } from '../../../bench/lib/servers';
import { cookieHeader, csrfToken, launchIntoCourse, newBrowser } from '../../support/launch';
import { tempDir } from '../../support/temp';
import { ROLE, TestPlatform } from '../../support/test-platform';
import { RoundRobinProxy } from './proxy';

export interface AgoraNode {
  name: string;
  child: AgoraProcess;
  url: string;
  port: number;
}

export interface Person {
  cookie: string;
  csrf: string;
}

export interface Cluster {
  redis: RedisServer;
  proxy: RoundRobinProxy;
  /** The one public address (PUBLIC_URL of every process). */
  url: string;
  nodes: AgoraNode[];
  platform: TestPlatform;
  dataDir: string;
  /** Launches a person into the course through the public address. */
  launch(sub: string, role?: 'learner' | 'instructor'): Promise<Person & { courseId: string }>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  /** The Redis address process `index` is given (default: the server's own), e.g. through a link a test can cut. */
  redisUrlFor?: (redis: RedisServer, index: number) => Promise<string>;
}

export async function startCluster(count = 2, options: ClusterOptions = {}): Promise<Cluster> {
  const redis = await RedisServer.start();
  const dataDir = tempDir('cluster');
  const secret = newSecret();
  const proxyPort = await freePort();
  const url = `http://127.0.0.1:${proxyPort}`;
  const nodes: AgoraNode[] = [];
  let platform: TestPlatform | null = null;
  let proxy: RoundRobinProxy | null = null;
  try {
    // One after the other: the first creates and migrates the shared database file.
    for (let i = 0; i < count; i += 1) {
      const port = await freePort();
      const name = String.fromCharCode(65 + i);
      const redisUrl = options.redisUrlFor ? await options.redisUrlFor(redis, i) : redis.url;
      const started = await startAgoraProcess({ name: `agora ${name}`, port, publicUrl: url, dataDir, secret, redisUrl, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' });
      nodes.push({ name, child: started.child, url: started.url, port });
    }
    proxy = await RoundRobinProxy.start(proxyPort, nodes.map((n) => n.port));
    platform = await TestPlatform.start();
    await nodes[0]!.child.call('register-platform', platform.registration());
  } catch (error) {
    await Promise.all(nodes.map((n) => n.child.stop('SIGKILL')));
    await proxy?.close();
    await platform?.close();
    await redis.stop();
    throw error;
  }
  const lms = platform;
  const front = proxy;
  return {
    redis,
    proxy: front,
    url,
    nodes,
    platform: lms,
    dataDir,
    async launch(sub, role = 'learner') {
      const browser = newBrowser(url);
      const courseId = await launchIntoCourse(browser, lms, url, lms.claims({ sub, name: `Person ${sub}`, roles: [role === 'instructor' ? ROLE.instructor : ROLE.learner] }));
      return { courseId, cookie: cookieHeader(browser, url), csrf: await csrfToken(browser, `/c/${courseId}`) };
    },
    async close() {
      await Promise.all(nodes.map((n) => n.child.stop('SIGTERM', 3000)));
      await front.close();
      await lms.close();
      await redis.stop();
    },
  };
}

/**
 * Opens a live client through the public address and tells which process it landed on (the
 * backend whose connection count grew; call it when nothing else is connecting).
 */
export async function connectThroughProxy(cluster: Cluster, person: Person, courseId: string, options: { reconnect?: boolean } = {}): Promise<{ client: LiveClient; node: AgoraNode }> {
  const before = new Map(cluster.proxy.accepted);
  const client = new LiveClient(cluster.url, person, courseId, options);
  await client.joined();
  const node = cluster.nodes.find((n) => (cluster.proxy.accepted.get(n.port) ?? 0) > (before.get(n.port) ?? 0));
  if (!node) throw new Error('the proxy saw no new connection');
  return { client, node };
}

/** Starts a thread through one process's HTTP API, as that person; returns the thread id. */
export async function post(baseUrl: string, courseId: string, person: Person, title: string): Promise<string> {
  const response = await request(baseUrl)
    .post(`/api/courses/${courseId}/threads`)
    .set('Cookie', person.cookie)
    .set('X-CSRF-Token', person.csrf)
    .send({ title, body: `About ${title}` });
  if (response.status !== 201) throw new Error(`posting "${title}" answered ${response.status}: ${response.text.slice(0, 300)}`);
  return (response.body as { data: { thread: { id: string } } }).data.thread.id;
}

interface LiveEventLike {
  seq: number;
  threadId?: string;
  thread?: { id: string } | null;
}

/**
 * A page's live connection, as src/public/js does it: websocket only, joins the course on every
 * (re)connection with the last seq it saw, applies replayed events, and remembers every event.
 * Told that Redis is back after an outage (`course:catch-up`), it joins again from the newest event
 * it had before the outage began, as agora.js does.
 */
export class LiveClient {
  readonly socket: Socket;
  /** threadId → how many times it arrived live (not replayed). */
  readonly live = new Map<string, number>();
  readonly seen = new Set<string>();
  lastSeq = 0;
  joins = 0;
  /** `course:catch-up` hints received. */
  catchUps = 0;
  disconnects = 0;
  private readonly recent: Array<{ seq: number; at: number }> = [];
  lastJoinError: string | null = null;

  /** `origin` is the page's origin: the public address (Agora refuses sockets from other origins). */
  constructor(readonly url: string, person: Person, private readonly courseId: string, options: { reconnect?: boolean; origin?: string } = {}) {
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: options.reconnect ?? false,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      randomizationFactor: 0,
      extraHeaders: { cookie: person.cookie, origin: options.origin ?? new URL(url).origin },
    });
    this.socket.on('connect_error', (error: Error & { data?: { message?: string } }) => {
      this.lastJoinError = error.data?.message ?? error.message;
    });
    this.socket.on('connect', () => this.join(this.lastSeq));
    this.socket.on('course:catch-up', (hint: { outageMs: number }) => {
      this.catchUps += 1;
      const before = Date.now() - hint.outageMs - 5000;
      this.join(Math.max(0, ...this.recent.filter((r) => r.at < before).map((r) => r.seq)));
    });
    this.socket.on('disconnect', () => {
      this.disconnects += 1;
    });
    const live = (event: LiveEventLike) => {
      const id = threadIdOf(event);
      this.live.set(id, (this.live.get(id) ?? 0) + 1);
      this.remember(event);
    };
    this.socket.on('course:event', live);
    // Events ready together arrive together (src/realtime/live-batch.ts).
    this.socket.on('course:events', (events: LiveEventLike[]) => events.forEach(live));
  }

  private join(afterSeq: number): void {
    this.socket.timeout(5000).emit('course:join', { courseId: this.courseId, afterSeq }, (error: Error | null, answer: { ok: boolean; data?: { replayed: LiveEventLike[] }; error?: { message: string } }) => {
      if (error || !answer.ok) {
        this.lastJoinError = error?.message ?? answer.error?.message ?? 'join failed';
        return;
      }
      this.joins += 1;
      for (const event of answer.data!.replayed) this.remember(event);
    });
  }

  private remember(event: LiveEventLike): void {
    this.seen.add(threadIdOf(event));
    this.lastSeq = Math.max(this.lastSeq, event.seq);
    this.recent.push({ seq: event.seq, at: Date.now() });
    if (this.recent.length > 200) this.recent.shift();
  }

  /** Resolves once the client has joined (at least `times` times in all). */
  async joined(times = 1, ms = 10_000): Promise<void> {
    await until(() => this.joins >= times, ms, () => `no join on ${this.url} (${this.lastJoinError ?? 'no answer'})`);
  }

  close(): void {
    this.socket.disconnect();
  }
}

const threadIdOf = (event: LiveEventLike) => event.threadId ?? event.thread?.id ?? `seq:${event.seq}`;

/** Polls `condition` every 25 ms; rejects with `describe()` after `ms`. */
/**
 * Two live clients of one launched viewer on each of the first two processes, and `open` for more of
 * that viewer's; each is also pushed to `opened`, for closing.
 */
export async function viewersOnBoth(cluster: Cluster, courseId: string, opened: LiveClient[]): Promise<{ onA: LiveClient[]; onB: LiveClient[]; everyone: LiveClient[]; open(url: string): Promise<LiveClient> }> {
  const [a, b] = cluster.nodes as [AgoraNode, AgoraNode];
  const viewer = await cluster.launch('viewer');
  const open = async (url: string) => {
    const client = new LiveClient(url, viewer, courseId, { origin: cluster.url });
    opened.push(client);
    await client.joined();
    return client;
  };
  const onA = [await open(a.url), await open(a.url)];
  const onB = [await open(b.url), await open(b.url)];
  return { onA, onB, everyone: [...onA, ...onB], open };
}

/** Resolves once every one of `who` has seen every post in `ids`. */
export function allSee(ids: string[], who: LiveClient[], ms = 10_000): Promise<void> {
  return until(() => who.every((c) => ids.every((id) => c.seen.has(id))), ms, () => `${who.filter((c) => !ids.every((id) => c.seen.has(id))).length} of ${who.length} clients still miss a post`);
}

export async function until(condition: () => boolean, ms: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** GET /healthz of one process. */
export async function health(baseUrl: string): Promise<{ status: number; body: { status: string; redis?: { ok: boolean } } }> {
  const response = await request(baseUrl).get('/healthz');
  return { status: response.status, body: response.body as { status: string; redis?: { ok: boolean } } };
}

/** A cluster with a course in it: a teacher and `learners` more people who will post. */
export async function startClusterWithCourse(learners: number, options: ClusterOptions = {}): Promise<{ cluster: Cluster; courseId: string; posters: Person[] }> {
  const cluster = await startCluster(2, options);
  const teacher = await cluster.launch('teacher', 'instructor');
  const posters: Person[] = [teacher];
  for (let i = 1; i <= learners; i += 1) posters.push(await cluster.launch(`poster-${i}`));
  return { cluster, courseId: teacher.courseId, posters };
}
