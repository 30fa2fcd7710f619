/**
 * S2 hotseat vote storm (issues 4 and 7): N people on one live hotseat's page, voting R times a
 * second between them over their own sockets (`hotseat:vote`, as the page does), while every page
 * watches the ranking (`hotseat:ranking`, coalesced to at most one update per hotseat per 100 ms).
 * Everything goes through Agora's public surface: LTI launches, the hotseat created and started
 * by an instructor and the questions asked by learners over the HTTP API, votes and ranking over
 * socket.io. How vote-to-screen latency and loss are measured: bench/lib/vote-storm.ts.
 */
import type { Child } from '../lib/child';
import { measureRun, pause, type BenchContext, type ServerSample, type Validity } from '../lib/context';
import { ELD_SAMPLING_MS, type MemorySample } from '../lib/meter';
import { mostInWindow } from '../lib/ranking-record';
import type { QuestionCount, VoteStormResult } from '../lib/vote-storm';
import { launchPeople } from './setup';

/** The targets: issue 7 (p99, broadcasts a second) and issue 4 (p99, zero lost updates, event-loop delay). */
export const S2_TARGETS = { latencyP99Ms: 250, broadcastsPerSecond: 10, serverEldP99Ms: 20 } as const;

export interface S2Result {
  clients: number;
  rate: number;
  durationMs: number;
  questions: number;
  /** The per-person vote limit in force in the bench's Agora (the product's unless S2's settings needed more). */
  voteLimit: number | null;
  setup: { launched: number; launchMs: number; connected: number; connectMs: number; joinAckBytes: number };
  memory: { baselineRssMB: number; rssPerConnectionKB: number; heapPerConnectionKB: number };
  storm: VoteStormResult;
  /** Ranking broadcasts as the server sent them (to the room's first socket): busiest 1-s window, mean rate, shortest gap. */
  serverBroadcasts: { count: number; perSecondMax: number; perSecondMean: number; minGapMs: number };
  server: ServerSample;
  /** The server's event-loop delay proper: perf_hooks' readings less their 10-ms sampling period (see meter.ts). */
  serverEld: { p50Ms: number; p99Ms: number; maxMs: number };
  serverCpuMsPerVote: number;
  otherCpuPct: number | null;
  validity: Validity;
}

interface ConnectResult { connected: number; failed: number; firstError: string | null; ms: number; meanJoinAckBytes: number }
type HotseatView = { data: { hotseat: { phase: string; open: Array<{ id: string; voteCount: number; voteVersion: number }> } } };

const GROUP = 's2';
const beyondSampling = (ms: number) => Math.max(0, ms - ELD_SAMPLING_MS);

function paceOf(times: number[]): S2Result['serverBroadcasts'] {
  let minGapMs = Infinity;
  for (let i = 1; i < times.length; i += 1) minGapMs = Math.min(minGapMs, times[i]! - times[i - 1]!);
  const spanS = times.length > 1 ? (times[times.length - 1]! - times[0]!) / 1000 : 0;
  return { count: times.length, perSecondMax: mostInWindow(times, 1000), perSecondMean: spanS > 0 ? (times.length - 1) / spanS : 0, minGapMs: Number.isFinite(minGapMs) ? minGapMs : 0 };
}

export async function runS2(ctx: BenchContext, agora: { child: Child; url: string; voteLimit: number | null }): Promise<S2Result> {
  const { options } = ctx;
  const clients = options.s2Clients;
  ctx.log(`S2: launching 1 instructor and ${clients} learners into one course (setup, not measured)`);
  const people = await launchPeople(ctx, agora.url, { prefix: 's2', count: clients + 1, instructors: 1, contextId: 'bench-s2', contextTitle: 'Bench S2' });
  const courseId = people.courseId!;
  const [staff, ...learners] = people.subs as [string, ...string[]];
  const json = <T>(sub: string, path: string, method = 'GET', body?: unknown) => ctx.gen.call<T>('http-json', { url: agora.url, path, sub, method, body });

  const now = Date.now();
  const created = await json<{ data: { id: string } }>(staff, `/c/${courseId}/hotseats`, 'POST', {
    title: 'Bench S2: ask the author', description: 'A vote storm.', startsAt: new Date(now + 10 * 60_000).toISOString(),
    endsAt: new Date(now + 3 * 3_600_000).toISOString(), publish: true,
  });
  const hotseatId = created.data.id;
  const path = `/c/${courseId}/hotseats/${hotseatId}`;
  await json(staff, `${path}/schedule`, 'POST', { action: 'start' });
  // One question from each of the first learners (the product allows 5 a minute per person).
  for (let i = 0; i < options.s2Questions; i += 1) {
    await json(learners[i % learners.length]!, `${path}/questions`, 'POST', { body: `Bench question ${i}: what happens to the ranking when ${clients} people vote at once?` });
  }
  const counts = async (): Promise<QuestionCount[]> => {
    const view = await json<HotseatView>(staff, path);
    if (view.data.hotseat.phase !== 'live') throw new Error(`the hotseat is ${view.data.hotseat.phase}, not live`);
    return view.data.hotseat.open.map((q) => [q.id, q.voteCount, q.voteVersion]);
  };
  const questions = (await counts()).length;
  if (questions < options.s2Questions) ctx.warn(`S2: only ${questions} of ${options.s2Questions} questions are open`);

  const before = await agora.child.call<MemorySample>('memory');
  const joined = await ctx.gen.call<ConnectResult>('clients:connect', { url: agora.url, origin: agora.url, subs: learners, courseId, hotseatId, group: GROUP });
  if (joined.failed > 0) ctx.warn(`S2: ${joined.failed} of ${clients} clients could not join the hotseat (${joined.firstError})`);
  // Let the joins' "N watching" announcements (at most one every 2 s) settle.
  await pause(2500);
  const after = await agora.child.call<MemorySample>('memory');
  const memory = {
    baselineRssMB: before.rssBytes / 1048576,
    rssPerConnectionKB: (after.rssBytes - before.rssBytes) / 1024 / Math.max(1, joined.connected),
    heapPerConnectionKB: (after.heapUsedBytes - before.heapUsedBytes) / 1024 / Math.max(1, joined.connected),
  };
  ctx.log(`S2: ${joined.connected} clients joined hotseat in ${(joined.ms / 1000).toFixed(1)} s; +${memory.rssPerConnectionKB.toFixed(1)} KB RSS per connection; ${questions} open questions`);

  const storm = (initial: QuestionCount[], rate: number, durationMs: number, parsedObservers: number) => ctx.gen.call<VoteStormResult>('vote-storm', {
    group: GROUP, url: agora.url, courseId, hotseatId, initial, rate, durationMs, drainMs: options.drainMs, parsedObservers, staffSub: staff,
  });
  try {
    // Warm-up (not recorded): JIT, buffers, the vote path's statements.
    const warm = await storm(await counts(), Math.min(50, options.s2Rate), 1000, 1);
    if (warm.votesFailed > 0) ctx.warn(`S2 warm-up: ${warm.votesFailed} votes failed (${warm.firstVoteError})`);
    await pause(500);
    const initial = await counts();
    await agora.child.call('ranking-probe:start', { hotseatId });
    const m = await measureRun(ctx, [agora.child], () => storm(initial, options.s2Rate, options.s2DurationMs, options.s2Observers));
    const sent = await agora.child.call<number[]>('ranking-probe:read');
    const s = m.result;
    const server = m.servers[0]!;
    const result: S2Result = {
      clients: s.clients,
      rate: options.s2Rate,
      durationMs: options.s2DurationMs,
      questions,
      voteLimit: agora.voteLimit,
      setup: { launched: people.launched, launchMs: people.wallMs, connected: joined.connected, connectMs: joined.ms, joinAckBytes: joined.meanJoinAckBytes },
      memory,
      storm: s,
      serverBroadcasts: paceOf(sent),
      server,
      serverEld: { p50Ms: beyondSampling(server.eldP50Ms), p99Ms: beyondSampling(server.eldP99Ms), maxMs: beyondSampling(server.eldMaxMs) },
      serverCpuMsPerVote: (server.cpuUserMs + server.cpuSystemMs) / Math.max(1, s.votesOk),
      otherCpuPct: m.otherCpuPct,
      validity: m.validity,
    };
    ctx.log(`S2 ${s.clients} clients × ${options.s2Rate} votes/s: vote-to-screen p50 ${s.latency.p50.toFixed(1)} p99 ${s.latency.p99.toFixed(1)} max ${s.latency.max.toFixed(0)} ms; ${s.delivered}/${s.expected} reflected (${s.lostVotes} votes lost, ${s.votesFailed} failed); ${result.serverBroadcasts.perSecondMax} rankings sent in the busiest second (min gap ${result.serverBroadcasts.minGapMs.toFixed(1)} ms), ${s.framesPerSecondMax} seen; final check ${s.finalCheck.mismatches} mismatches; server CPU ${server.cpuPct.toFixed(0)}%, ELD p99 ${result.serverEld.p99Ms.toFixed(1)} ms${m.validity.valid ? '' : ` INVALID (${m.validity.reason})`}`);
    return result;
  } finally {
    await ctx.gen.call('clients:close');
  }
}
