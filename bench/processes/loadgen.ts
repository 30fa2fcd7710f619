/**
 * The load generator, in its own process on its own core. It hosts the test LMS (JWKS and id_token
 * signing, as the LMS would elsewhere), launches people, holds raw socket.io clients (bench/lib/
 * raw-client.ts: no per-message JSON parse; the post number and seq are read from the raw frame),
 * posts at a fixed rate and measures delivery, and (S2) votes in a hotseat and watches its ranking
 * (bench/lib/vote-storm.ts). It also measures itself, so a run can be marked
 * invalid when the generator, not the server, was the bottleneck.
 */
import { performance } from 'node:perf_hooks';
import { TestPlatform } from '../../tests/support/test-platform';
import { serveParent } from '../lib/child';
import { httpRequest, keepAliveAgent } from '../lib/http';
import { launchPerson, type LaunchedPerson, type LaunchTimings } from '../lib/launcher';
import { ProcessMeter } from '../lib/meter';
import { sendPaced } from '../lib/paced';
import { integerAfter, integersAfter, isBatchFrame, RawSocketIoClient, seqOf } from '../lib/raw-client';
import { LatencyHistogram, summarize, type Summary } from '../lib/stats';
import { runVoteStorm, type QuestionCount, type VoteStormParams } from '../lib/vote-storm';

const POST_MARKER = Buffer.from('bench#');

interface Held {
  client: RawSocketIoClient;
  group: string;
  index: number;
}

export type PostTarget =
  /** Posts rotate over `subs` (people who launched), as in a course where many people post. */
  | { kind: 'agora'; url: string; courseId: string; subs: string[] }
  | { kind: 'control'; url: string; courseId: string };

export interface FanoutParams {
  target: PostTarget;
  rate: number;
  durationMs: number;
  drainMs: number;
}

export interface FanoutResult {
  clients: number;
  postsPlanned: number;
  postsSent: number;
  postsOk: number;
  postsFailed: number;
  firstPostError: string | null;
  achievedPostRate: number;
  expected: number;
  delivered: number;
  deliveredOfFailedPosts: number;
  duplicates: number;
  stray: number;
  wrongSeq: number;
  deliveriesPerSecond: number;
  latency: Summary;
  latencyByGroup: Record<string, Summary>;
  postLatency: Summary;
  meanFrameBytes: number;
  generator: ReturnType<ProcessMeter['read']>;
}

let platform: TestPlatform | null = null;
const people = new Map<string, LaunchedPerson>();
const held: Held[] = [];
const meter = new ProcessMeter();
let postCounter = 0;
let sampleFrame: string | null = null;
/** Set during a fan-out run: where deliveries are recorded. */
let onDelivery: ((holder: Held, frame: Buffer) => void) | null = null;
/** Set during a vote storm (S2): where `hotseat:ranking` frames are recorded. */
let onRanking: ((holder: Held, frame: Buffer) => void) | null = null;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function pool<T>(count: number, concurrency: number, work: (i: number) => Promise<T>): Promise<Array<{ ok: true; value: T } | { ok: false; error: string }>> {
  const results: Array<{ ok: true; value: T } | { ok: false; error: string }> = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const i = next++;
      try {
        results[i] = { ok: true, value: await work(i) };
      } catch (error) {
        results[i] = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    }
  }));
  return results;
}

function summarizeTimings(timings: LaunchTimings[]) {
  return {
    total: summarize(timings.map((t) => t.totalMs)),
    login: summarize(timings.map((t) => t.loginMs)),
    sign: summarize(timings.map((t) => t.signMs)),
    launch: summarize(timings.map((t) => t.launchMs)),
    home: summarize(timings.map((t) => t.homeMs)),
  };
}

async function postOnce(target: PostTarget, n: number, title: string, agent: ReturnType<typeof keepAliveAgent>): Promise<number> {
  if (target.kind === 'control') {
    const response = await httpRequest(`${target.url}/post`, {
      method: 'POST', agent, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title, courseId: target.courseId }),
    });
    return response.status;
  }
  const sub = target.subs[n % target.subs.length]!;
  const person = people.get(sub);
  if (!person) throw new Error(`no launched person ${sub}`);
  const response = await httpRequest(`${target.url}/api/courses/${target.courseId}/threads`, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', cookie: person.cookie, 'x-csrf-token': person.csrf },
    body: JSON.stringify({ title, body: `Fan-out post: ${title}, with **a little** Markdown.` }),
  });
  if (response.status !== 201) throw new Error(`POST answered ${response.status}: ${response.body.slice(0, 200)}`);
  return response.status;
}

async function requestAs<T = unknown>(url: string, path: string, sub: string, method = 'GET', body?: unknown): Promise<T> {
  const person = people.get(sub);
  if (!person) throw new Error(`no launched person ${sub}`);
  const response = await httpRequest(`${url}${path}`, {
    method,
    headers: { accept: 'application/json', cookie: person.cookie, 'x-csrf-token': person.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status < 200 || response.status > 299) throw new Error(`${method} ${path} answered ${response.status}: ${response.body.slice(0, 300)}`);
  return JSON.parse(response.body) as T;
}

async function fanout(params: FanoutParams): Promise<FanoutResult> {
  const clients = held.filter((h) => !h.client.closed);
  const planned = Math.max(1, Math.round((params.rate * params.durationMs) / 1000));
  const base = postCounter;
  postCounter += planned;
  const sentAt = new Float64Array(planned);
  const okPost = new Uint8Array(planned);
  const received = new Uint8Array(held.length * planned);
  const perPost = new Uint32Array(planned);
  const latency = new LatencyHistogram();
  const byGroup = new Map<string, LatencyHistogram>();
  for (const h of clients) if (!byGroup.has(h.group)) byGroup.set(h.group, new LatencyHistogram());
  const postLatency: number[] = [];
  let delivered = 0;
  let duplicates = 0;
  let stray = 0;
  let wrongSeq = 0;
  let frameBytes = 0;
  let lastDeliveryAt = 0;

  // A frame is one event (`course:event`) or, from Agora under load, several (`course:events`): each counts.
  onDelivery = (holder, frame) => {
    const now = performance.now();
    // The control's frame repeats, in its copied HTML, the title of the Agora post it was copied from: one event, one (first) number.
    const posts = isBatchFrame(frame) ? integersAfter(frame, POST_MARKER) : [integerAfter(frame, POST_MARKER)].filter((n) => n >= 0);
    if (posts.length === 0) stray += 1;
    else if (seqOf(frame) <= 0) wrongSeq += 1;
    let counted = 0;
    for (const post of posts) {
      const n = post - base;
      if (n < 0 || n >= planned || sentAt[n] === 0) {
        stray += 1;
        continue;
      }
      const slot = holder.index * planned + n;
      if (received[slot]! > 0) {
        duplicates += 1;
        continue;
      }
      received[slot] = 1;
      perPost[n] = perPost[n]! + 1;
      delivered += 1;
      counted += 1;
      const ms = now - sentAt[n]!;
      latency.recordMs(ms);
      byGroup.get(holder.group)!.recordMs(ms);
    }
    if (counted === 0) return;
    if (sampleFrame === null && posts.length === 1) sampleFrame = frame.toString('utf8');
    frameBytes += frame.length;
    lastDeliveryAt = now;
  };

  const agent = keepAliveAgent(32);
  meter.start();
  const { sent, ok, failed, firstError: firstPostError, sendingMs: postingMs, startedAt: start } = await sendPaced(planned, params.rate, async (n) => {
    sentAt[n] = performance.now();
    await postOnce(params.target, base + n, `bench#${base + n}# post`, agent);
    okPost[n] = 1;
    postLatency.push(performance.now() - sentAt[n]!);
  });
  const expected = ok * clients.length;
  const drainDeadline = performance.now() + params.drainMs;
  while (delivered < expected && performance.now() < drainDeadline) await wait(20);
  const generator = meter.read();
  onDelivery = null;
  agent.destroy();

  const spanMs = (lastDeliveryAt || performance.now()) - start;
  // A post whose request failed (e.g. timed out) may still have been stored and broadcast: its
  // deliveries are counted apart, so delivered/expected compares like with like.
  let deliveredOfOkPosts = 0;
  for (let n = 0; n < planned; n += 1) if (okPost[n]) deliveredOfOkPosts += perPost[n]!;
  return {
    clients: clients.length,
    postsPlanned: planned,
    postsSent: sent,
    postsOk: ok,
    postsFailed: failed,
    firstPostError,
    achievedPostRate: ok / (postingMs / 1000),
    expected,
    delivered: deliveredOfOkPosts,
    deliveredOfFailedPosts: delivered - deliveredOfOkPosts,
    duplicates,
    stray,
    wrongSeq,
    deliveriesPerSecond: spanMs > 0 ? delivered / (spanMs / 1000) : 0,
    latency: latency.summary(),
    latencyByGroup: Object.fromEntries([...byGroup].map(([group, h]) => [group, h.summary()])),
    postLatency: summarize(postLatency),
    meanFrameBytes: delivered > 0 ? frameBytes / delivered : 0,
    generator,
  };
}

async function main(): Promise<void> {
  serveParent({
    'platform:start': async () => {
      platform ??= await TestPlatform.start();
      return platform.registration();
    },

    /** Launches `count` people into one course; the first `instructors` are instructors. */
    launch: async ({ agoraUrl, prefix, count, instructors = 0, contextId, contextTitle, concurrency = 4 }: {
      agoraUrl: string; prefix: string; count: number; instructors?: number; contextId: string; contextTitle: string; concurrency?: number;
    }) => {
      if (!platform) throw new Error('start the platform first');
      const agent = keepAliveAgent(concurrency);
      meter.start();
      const t0 = performance.now();
      const launchOne = async (i: number) => {
        const sub = `${prefix}-${i}`;
        const launched = await launchPerson(agoraUrl, platform!, { sub, name: `${i < instructors ? 'Teacher' : 'Student'} ${prefix} ${i}`, instructor: i < instructors, contextId, contextTitle }, agent);
        people.set(sub, launched.person);
        return launched;
      };
      // The first launch alone: Agora's JWKS cache refuses launches that arrive while its very
      // first fetch of the platform's keys is still in flight (reported; src/lti/jwks-cache.ts).
      const first = await pool(Math.min(1, count), 1, launchOne);
      const results = first.concat(await pool(Math.max(0, count - 1), concurrency, (i) => launchOne(i + 1)));
      const wallMs = performance.now() - t0;
      agent.destroy();
      const good = results.flatMap((r) => (r.ok ? [r.value] : []));
      const errors = results.flatMap((r) => (r.ok ? [] : [r.error]));
      return {
        launched: good.length,
        failed: errors.length,
        firstError: errors[0] ?? null,
        courseId: good[0]?.person.courseId ?? null,
        subs: good.map((g) => g.person.sub),
        wallMs,
        perSecond: good.length / (wallMs / 1000),
        timings: summarizeTimings(good.map((g) => g.timings)),
        generator: meter.read(),
      };
    },

    /**
     * Opens raw socket.io clients (with the sessions of `subs`, or anonymous) and joins the course,
     * or with `hotseatId` the hotseat (its page joins only that, and listens for ranking updates).
     */
    'clients:connect': async ({ url, origin, subs, anonymous = 0, courseId, hotseatId, group = 'all', concurrency = 50 }: {
      url: string; origin?: string; subs?: string[]; anonymous?: number; courseId: string; hotseatId?: string; group?: string; concurrency?: number;
    }) => {
      const cookies = subs ? subs.map((sub) => people.get(sub)?.cookie ?? '') : Array.from({ length: anonymous }, () => '');
      const t0 = performance.now();
      const results = await pool(cookies.length, concurrency, async (i) => {
        const holder: Held = { client: null as unknown as RawSocketIoClient, group, index: held.length };
        held.push(holder);
        holder.client = new RawSocketIoClient({
          url,
          cookie: cookies[i] || undefined,
          origin,
          ...(hotseatId
            ? { event: 'hotseat:ranking', onEvent: (frame: Buffer) => onRanking?.(holder, frame) }
            : { onEvent: (frame: Buffer) => onDelivery?.(holder, frame) }),
        });
        try {
          await holder.client.connected();
          const ack = hotseatId
            ? await holder.client.emitWithAck('hotseat:join', { courseId, hotseatId }, 30_000)
            : await holder.client.emitWithAck('course:join', { courseId }, 30_000);
          if (!ack.startsWith('[{"ok":true')) throw new Error(`join refused: ${ack.slice(0, 200)}`);
          return ack.length;
        } catch (error) {
          // Not in the room: not expected to receive anything.
          holder.client.close();
          throw error;
        }
      });
      const errors = results.flatMap((r) => (r.ok ? [] : [r.error]));
      const ackBytes = results.flatMap((r) => (r.ok ? [r.value] : []));
      return {
        connected: ackBytes.length,
        failed: errors.length,
        firstError: errors[0] ?? null,
        ms: performance.now() - t0,
        meanJoinAckBytes: ackBytes.length ? ackBytes.reduce((a, b) => a + b, 0) / ackBytes.length : 0,
      };
    },

    'clients:close': async () => {
      for (const h of held.splice(0)) h.client.close();
      await wait(200);
    },

    fanout: (params: FanoutParams) => fanout(params),

    /** S2: the clients of `group` vote and watch the ranking (bench/lib/vote-storm.ts). */
    'vote-storm': ({ group, ...params }: VoteStormParams & { group: string }) => {
      const voters = held.filter((h) => h.group === group && !h.client.closed);
      const slot = new Map(voters.map((h, i) => [h, i]));
      return runVoteStorm(voters.map((h) => h.client), params, {
        listen: (record) => { onRanking = record ? (holder, frame) => { const i = slot.get(holder); if (i !== undefined) record(i, frame); } : null; },
        storeCounts: async () => {
          const view = await requestAs<{ data: { hotseat: { open: Array<{ id: string; voteCount: number; voteVersion: number }> } } }>(params.url, `/c/${params.courseId}/hotseats/${params.hotseatId}`, params.staffSub);
          return view.data.hotseat.open.map((q): QuestionCount => [q.id, q.voteCount, q.voteVersion]);
        },
        meter,
      });
    },

    /** A JSON request as a launched person (session cookie and X-CSRF-Token), as the pages' scripts send; throws unless 2xx. */
    'http-json': ({ url, path, sub, method = 'GET', body }: { url: string; path: string; sub: string; method?: string; body?: unknown }) => requestAs(url, path, sub, method, body),

    /** The first broadcast frame delivered in a run (the control copies its shape). */
    'sample-frame': () => sampleFrame,

    /** S3 (and seeding): `concurrency` posters post back to back through the HTTP API, for `durationMs` or `count` posts. */
    'http-burst': async ({ url, courseId, subs, concurrency, durationMs, count }: { url: string; courseId: string; subs: string[]; concurrency: number; durationMs?: number; count?: number }) => {
      const agent = keepAliveAgent(concurrency);
      const latencies: number[] = [];
      let failed = 0;
      let firstError: string | null = null;
      meter.start();
      const t0 = performance.now();
      const deadline = t0 + (durationMs ?? Infinity);
      let remaining = count ?? Infinity;
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline && remaining-- > 0) {
          const started = performance.now();
          const n = postCounter++;
          try {
            await postOnce({ kind: 'agora', url, courseId, subs }, n, `bench#${n}# burst`, agent);
            latencies.push(performance.now() - started);
          } catch (error) {
            failed += 1;
            firstError ??= error instanceof Error ? error.message : String(error);
          }
        }
      }));
      const wallMs = performance.now() - t0;
      agent.destroy();
      return { posts: latencies.length, failed, firstError, wallMs, perSecond: latencies.length / (wallMs / 1000), latency: summarize(latencies), generator: meter.read() };
    },

    /** S5: GETs a page `count` times as `sub`; latency and size. */
    'http-gets': async ({ url, path, sub, count, concurrency = 1 }: { url: string; path: string; sub: string; count: number; concurrency?: number }) => {
      const person = people.get(sub);
      if (!person) throw new Error(`no launched person ${sub}`);
      const agent = keepAliveAgent(concurrency);
      const latencies: number[] = [];
      let bytes = 0;
      let bad = 0;
      const results = await pool(count, concurrency, async () => {
        const started = performance.now();
        const response = await httpRequest(`${url}${path}`, { agent, headers: { cookie: person.cookie } });
        if (response.status !== 200) bad += 1;
        latencies.push(performance.now() - started);
        bytes = response.body.length;
      });
      agent.destroy();
      const errors = results.flatMap((r) => (r.ok ? [] : [r.error]));
      return { latency: summarize(latencies), bytes, bad, failed: errors.length, firstError: errors[0] ?? null };
    },

    person: ({ sub }: { sub: string }) => people.get(sub) ?? null,
    'metrics:start': () => meter.start(),
    'metrics:read': () => meter.read(),
    close: async () => {
      for (const h of held.splice(0)) h.client.close();
      await platform?.close();
      setImmediate(() => process.exit(0));
    },
  }, { pid: process.pid });
}

main().catch((error: unknown) => {
  process.stderr.write(`loadgen: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
