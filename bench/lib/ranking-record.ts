/**
 * What S2's observers saw of the ranking (bench/lib/vote-storm.ts drives the storm): every client's
 * frame count and bytes, and for the sampled observers, which parse their frames, when each
 * question's version arrived, so a vote can be matched to the first frame that shows it.
 */
import { performance } from 'node:perf_hooks';

/** [questionId, voteCount, voteVersion], as in a ranking update and in the page's JSON. */
export type QuestionCount = [string, number, number];

/** What the parsed observers saw: per (observer, question), the versions as they arrived and when. */
export class RankingRecord {
  readonly frames: Uint32Array;
  readonly bytes: Float64Array;
  readonly parsedSlot: Int32Array;
  /** Per parsed observer × question: known version and count, and the (version, time) steps. */
  readonly knownVersion: Float64Array;
  readonly knownCount: Float64Array;
  readonly steps: Array<{ versions: number[]; times: number[] }>;
  readonly arrivals: number[][];
  entries = 0;
  parsedFrames = 0;
  stray = 0;
  firstAt = 0;
  lastAt = 0;

  constructor(clients: number, readonly parsed: number[], private readonly questionIndex: Map<string, number>, private readonly hotseatId: string, initial: QuestionCount[]) {
    const q = questionIndex.size;
    this.frames = new Uint32Array(clients);
    this.bytes = new Float64Array(clients);
    this.parsedSlot = new Int32Array(clients).fill(-1);
    parsed.forEach((client, slot) => { this.parsedSlot[client] = slot; });
    this.knownVersion = new Float64Array(parsed.length * q);
    this.knownCount = new Float64Array(parsed.length * q);
    this.steps = Array.from({ length: parsed.length * q }, () => ({ versions: [], times: [] }));
    this.arrivals = parsed.map(() => []);
    for (let slot = 0; slot < parsed.length; slot += 1) {
      for (const [id, count, version] of initial) {
        const at = slot * q + questionIndex.get(id)!;
        this.knownVersion[at] = version;
        this.knownCount[at] = count;
      }
    }
  }

  frame(client: number, frame: Buffer): void {
    const now = performance.now();
    this.frames[client] = this.frames[client]! + 1;
    this.bytes[client] = this.bytes[client]! + frame.length;
    if (this.firstAt === 0) this.firstAt = now;
    this.lastAt = now;
    const slot = this.parsedSlot[client]!;
    if (slot < 0) return;
    const [, update] = JSON.parse(frame.toString('utf8', 2)) as [string, { hotseatId: string; counts: QuestionCount[] }];
    if (update.hotseatId !== this.hotseatId) {
      this.stray += 1;
      return;
    }
    this.parsedFrames += 1;
    this.arrivals[slot]!.push(now);
    const q = this.questionIndex.size;
    for (const [id, count, version] of update.counts) {
      this.entries += 1;
      const question = this.questionIndex.get(id);
      if (question === undefined) continue;
      const at = slot * q + question;
      if (version <= this.knownVersion[at]!) continue;
      this.knownVersion[at] = version;
      this.knownCount[at] = count;
      this.steps[at]!.versions.push(version);
      this.steps[at]!.times.push(now);
    }
  }

  /** When parsed observer `slot` first saw question `question` at version ≥ `version`, or -1. */
  seenAt(slot: number, question: number, version: number): number {
    const { versions, times } = this.steps[slot * this.questionIndex.size + question]!;
    let lo = 0;
    let hi = versions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (versions[mid]! >= version) hi = mid;
      else lo = mid + 1;
    }
    return lo < versions.length ? times[lo]! : -1;
  }

  caughtUp(highest: Float64Array): boolean {
    const q = this.questionIndex.size;
    for (let slot = 0; slot < this.parsed.length; slot += 1) {
      for (let question = 0; question < q; question += 1) if (this.knownVersion[slot * q + question]! < highest[question]!) return false;
    }
    return true;
  }
}

/** The most frames in any window of `windowMs` (two pointers over sorted arrival times). */
export function mostInWindow(times: number[], windowMs: number): number {
  let best = 0;
  let from = 0;
  for (let to = 0; to < times.length; to += 1) {
    while (times[to]! - times[from]! >= windowMs) from += 1;
    best = Math.max(best, to - from + 1);
  }
  return best;
}
