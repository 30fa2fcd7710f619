/**
 * S2's load and its measurement, inside the load generator: the joined clients vote at a fixed
 * rate over their own sockets (`hotseat:vote`, as the page does), and every client's
 * `hotseat:ranking` frames are recorded. Only a sample of observers parses its frames (JSON); the
 * others just count frames and bytes, so the generator stays light.
 *
 * Vote-to-screen latency: a vote is sent at t0 and its ack carries the question's new
 * voteVersion v; the vote is on an observer's screen when the first ranking frame arrives there
 * whose entry for that question has a version ≥ v (the page ignores older versions). Both times
 * are taken on the generator's clock. The matching is done after the run, so an ack that arrives
 * after the frame (they travel on different sockets) is no problem.
 */
import { performance } from 'node:perf_hooks';
import type { ProcessMeter, ProcessSample } from './meter';
import type { RawSocketIoClient } from './raw-client';
import { sendPaced } from './paced';
import { mostInWindow, RankingRecord, type QuestionCount } from './ranking-record';
import { LatencyHistogram, summarize, type Summary } from './stats';

export type { QuestionCount } from './ranking-record';

export interface VoteStormParams {
  url: string;
  courseId: string;
  hotseatId: string;
  /** The open questions with their counts and versions before the storm (what the page shows on load). */
  initial: QuestionCount[];
  /** Votes per second (all voters together), and for how long. */
  rate: number;
  durationMs: number;
  /** After the last ack: how long to wait at most for every sampled observer to catch up. */
  drainMs: number;
  /** How many observers parse their frames (spread evenly over the clients); the rest only count them. */
  parsedObservers: number;
  /** A staff member whose view of the hotseat gives the store's final counts. */
  staffSub: string;
  seed?: number;
}

export interface VoteStormResult {
  clients: number;
  parsedObservers: number;
  questions: number;
  votesPlanned: number;
  votesSent: number;
  votesOk: number;
  votesFailed: number;
  firstVoteError: string | null;
  achievedVoteRate: number;
  /** Round trip of a vote: emit → ack. */
  voteAck: Summary;
  /** Vote → first ranking frame reflecting it, over every (vote, parsed observer) pair. */
  latency: Summary;
  /** Pairs expected (acked votes × parsed observers) and reflected. */
  expected: number;
  delivered: number;
  /** Acked votes that some parsed observer never saw by the end of the drain. */
  lostVotes: number;
  drainedMs: number;
  drainComplete: boolean;
  /**
   * Ranking frames as one observer sees them (max over parsed observers): the most in any sliding 1-s window, the most in
   * any 5-s window divided by 5 (less sensitive to frames bunched by a delayed read), and the mean rate.
   */
  framesPerSecondMax: number;
  framesPerSecondMax5s: number;
  framesPerSecondMean: number;
  meanEntriesPerFrame: number;
  meanFrameBytes: number;
  /** Ranking frames delivered to all clients, over the time from the first vote to the last frame. */
  framesDelivered: number;
  deliveriesPerSecond: number;
  /** Every client should receive the same frames (one room, one broadcast each): fewest and most, and how many had fewer than a parsed observer. */
  framesPerClient: { reference: number; min: number; max: number; behind: number };
  strayFrames: number;
  /** The parsed observers' last-known count and version of every open question against the store's, at the end. */
  finalCheck: { storeQuestions: number; pairsChecked: number; mismatches: number; example: string | null; storeVotesDelta: number; ackedVotesDelta: number };
  generator: ProcessSample;
}

/** How the storm reaches the generator's clients and HTTP client. */
export interface StormHooks {
  /** Sets (or clears) where each client's ranking frames go. */
  listen(record: ((client: number, frame: Buffer) => void) | null): void;
  /** The store's counts of the hotseat's open questions, as staff see them. */
  storeCounts(): Promise<QuestionCount[]>;
  meter: ProcessMeter;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small seeded PRNG (mulberry32): the same votes in every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runVoteStorm(clients: RawSocketIoClient[], params: VoteStormParams, hooks: StormHooks): Promise<VoteStormResult> {
  const questionIds = params.initial.map(([id]) => id);
  const questionIndex = new Map(questionIds.map((id, i) => [id, i]));
  if (clients.length === 0 || questionIds.length === 0) throw new Error('a vote storm needs joined clients and open questions');
  const parsedCount = Math.max(1, Math.min(clients.length, params.parsedObservers));
  const step = clients.length / parsedCount;
  const parsed = Array.from({ length: parsedCount }, (_, i) => Math.floor(i * step));
  const record = new RankingRecord(clients.length, parsed, questionIndex, params.hotseatId, params.initial);

  const planned = Math.max(1, Math.round((params.rate * params.durationMs) / 1000));
  const sentAt = new Float64Array(planned);
  const question = new Int32Array(planned);
  const version = new Float64Array(planned).fill(-1);
  const highest = new Float64Array(questionIds.length);
  for (const [id, , v] of params.initial) highest[questionIndex.get(id)!] = v;
  const ackMs: number[] = [];
  let ackedDelta = 0;
  const next = random(params.seed ?? 7);

  hooks.listen((client, frame) => record.frame(client, frame));
  hooks.meter.start();
  const paced = await sendPaced(planned, params.rate, async (n) => {
    // Voters in turn; questions skewed towards the first ones, so the top of the ranking moves.
    const voter = clients[n % clients.length]!;
    const q = Math.min(questionIds.length - 1, Math.floor(questionIds.length * next() ** 2));
    question[n] = q;
    sentAt[n] = performance.now();
    const ack = await voter.emitWithAck('hotseat:vote', { courseId: params.courseId, hotseatId: params.hotseatId, questionId: questionIds[q] }, 15_000);
    const [answer] = JSON.parse(ack) as [{ ok: boolean; data?: { voted: boolean; voteVersion: number }; error?: { code: string; message: string } }];
    if (!answer.ok || !answer.data) throw new Error(`${answer.error?.code}: ${answer.error?.message}`);
    ackMs.push(performance.now() - sentAt[n]!);
    version[n] = answer.data.voteVersion;
    highest[q] = Math.max(highest[q]!, answer.data.voteVersion);
    ackedDelta += answer.data.voted ? 1 : -1;
  });
  const { sent, ok, failed, firstError: firstVoteError, sendingMs: votingMs, startedAt: start } = paced;
  const drainStart = performance.now();
  let drainComplete = record.caughtUp(highest);
  while (!drainComplete && performance.now() - drainStart < params.drainMs) {
    await wait(20);
    drainComplete = record.caughtUp(highest);
  }
  const drainedMs = performance.now() - drainStart;
  // The sampled observers have it all; give the others' last frames a moment to land too.
  await wait(300);
  const generator = hooks.meter.read();
  hooks.listen(null);

  const latency = new LatencyHistogram();
  let delivered = 0;
  let lostVotes = 0;
  for (let n = 0; n < sent; n += 1) {
    const v = version[n]!;
    if (v < 0) continue;
    let missing = false;
    for (let slot = 0; slot < parsed.length; slot += 1) {
      const at = record.seenAt(slot, question[n]!, v);
      if (at < 0) {
        missing = true;
        continue;
      }
      delivered += 1;
      latency.recordMs(at - sentAt[n]!);
    }
    if (missing) lostVotes += 1;
  }

  const store = await hooks.storeCounts();
  let mismatches = 0;
  let pairsChecked = 0;
  let example: string | null = null;
  for (const [id, count, v] of store) {
    const q = questionIndex.get(id);
    if (q === undefined) continue;
    for (let slot = 0; slot < parsed.length; slot += 1) {
      pairsChecked += 1;
      const at = slot * questionIds.length + q;
      if (record.knownVersion[at] === v && record.knownCount[at] === count) continue;
      mismatches += 1;
      example ??= `question ${id}: store ${count} votes (version ${v}), observer ${parsed[slot]} saw ${record.knownCount[at]} (version ${record.knownVersion[at]})`;
    }
  }
  const sum = (list: QuestionCount[]) => list.reduce((total, [, count]) => total + count, 0);

  const reference = record.frames[parsed[0]!]!;
  let min = Infinity;
  let max = 0;
  let behind = 0;
  let framesDelivered = 0;
  let bytes = 0;
  for (let c = 0; c < clients.length; c += 1) {
    const frames = record.frames[c]!;
    min = Math.min(min, frames);
    max = Math.max(max, frames);
    if (frames < reference) behind += 1;
    framesDelivered += frames;
    bytes += record.bytes[c]!;
  }
  const observed = record.arrivals[0]!;
  const spanMs = record.lastAt > 0 ? record.lastAt - start : 0;
  return {
    clients: clients.length,
    parsedObservers: parsed.length,
    questions: questionIds.length,
    votesPlanned: planned,
    votesSent: sent,
    votesOk: ok,
    votesFailed: failed,
    firstVoteError,
    achievedVoteRate: ok / (votingMs / 1000),
    voteAck: summarize(ackMs),
    latency: latency.summary(),
    expected: ok * parsed.length,
    delivered,
    lostVotes,
    drainedMs,
    drainComplete,
    framesPerSecondMax: Math.max(0, ...record.arrivals.map((times) => mostInWindow(times, 1000))),
    framesPerSecondMax5s: Math.max(0, ...record.arrivals.map((times) => mostInWindow(times, 5000))) / 5,
    framesPerSecondMean: observed.length > 1 ? (observed.length - 1) / ((observed[observed.length - 1]! - observed[0]!) / 1000) : observed.length,
    meanEntriesPerFrame: record.parsedFrames ? record.entries / record.parsedFrames : 0,
    meanFrameBytes: framesDelivered ? bytes / framesDelivered : 0,
    framesDelivered,
    deliveriesPerSecond: spanMs > 0 ? framesDelivered / (spanMs / 1000) : 0,
    framesPerClient: { reference, min: Number.isFinite(min) ? min : 0, max, behind },
    strayFrames: record.stray,
    finalCheck: { storeQuestions: store.length, pairsChecked, mismatches, example, storeVotesDelta: sum(store) - sum(params.initial), ackedVotesDelta: ackedDelta },
    generator,
  };
}
