/** S2's part of the report: its targets (issues 4 and 7), judged with their margins, and its section. */
import { HOTSEAT_LIMITS } from '../../src/domain/hotseat';
import { S2_TARGETS, type S2Result } from '../scenarios/s2-vote-storm';
import { ELD_SAMPLING_MS } from './meter';
import type { Target } from './report';

const f = (value: number | null | undefined, digits = 1) => (value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));
const n0 = (value: number) => Math.round(value).toLocaleString('en');
const pct = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(2)}%` : '–');

/** Met or missed, and by how much (always: a target met by 2 ms is worth knowing too). */
function margin(measured: number, goal: number, unit: string): { met: boolean; text: string } {
  const met = measured < goal;
  return { met, text: met ? `met with ${f(goal - measured)} ${unit} to spare (${f(measured / goal, 2)}× the goal)` : `missed by ${f(measured - goal)} ${unit} (${f(measured / goal, 2)}× the goal)` };
}

/** What held the storm back, from what was measured. */
function limits(s2: S2Result): string {
  const s = s2.storm;
  const parts: string[] = [];
  parts.push(`each vote costs the server ${f(s2.serverCpuMsPerVote, 2)} ms of CPU (ranking broadcasts included), ${f((s2.serverCpuMsPerVote * s2.rate) / 10, 0)}% of a core at ${s2.rate} votes/s`);
  if (s2.server.cpuPct >= 85) parts.push(`the server is CPU-bound (${f(s2.server.cpuPct, 0)}% of its core)`);
  if (s2.serverEld.p99Ms >= S2_TARGETS.serverEldP99Ms) parts.push(`its event loop is delayed (p99 ${f(s2.serverEld.p99Ms)} ms, max ${f(s2.serverEld.maxMs, 0)} ms)`);
  if (s.voteAck.p99 >= 100) parts.push(`votes queue before they are stored (vote ack p99 ${f(s.voteAck.p99)} ms)`);
  if (s.achievedVoteRate < s2.rate * 0.95) parts.push(`votes were acked at ${f(s.achievedVoteRate)} a second, below the ${s2.rate} asked`);
  if ((s2.server.runQueueWaitPct ?? 0) >= 5) parts.push(`the server waited for its core ${f(s2.server.runQueueWaitPct, 0)}% of the time (other work on the machine)`);
  if (!s2.validity.valid) parts.push(`the run is INVALID (${s2.validity.reason})`);
  return `Limited by: ${parts.join('; ')}. Up to 100 ms of any vote's latency is the coalescing interval, by design.`;
}

export function s2Targets(s2: S2Result | null): Target[] {
  if (!s2) {
    return [{ name: 'S2 hotseat vote storm', goal: `ranking p99 < ${S2_TARGETS.latencyP99Ms} ms, zero lost updates, ELD p99 < ${S2_TARGETS.serverEldP99Ms} ms, ≤ ~10 ranking broadcasts/s`, measured: 'not run', met: null, note: 'Run with --only S2 (or the full suite).' }];
  }
  const s = s2.storm;
  const size = `${n0(s.clients)} clients × ${s2.rate} votes/s`;
  const invalid = s2.validity.valid ? '' : ` Run INVALID (${s2.validity.reason}): no verdict on timing.`;
  const targets: Target[] = [];

  const latency = margin(s.latency.p99, S2_TARGETS.latencyP99Ms, 'ms');
  targets.push({
    name: `S2 vote-to-screen latency, ${size}`,
    goal: `p99 < ${S2_TARGETS.latencyP99Ms} ms (issues 4 and 7)`,
    measured: `p50 ${f(s.latency.p50)} / p99 ${f(s.latency.p99)} / max ${f(s.latency.max, 0)} ms over ${n0(s.delivered)} (vote, observer) pairs`,
    met: s2.validity.valid ? latency.met : null,
    note: `${latency.text[0]!.toUpperCase()}${latency.text.slice(1)}.${invalid}${latency.met ? '' : ` ${limits(s2)}`}`,
  });

  const lostPairs = s.expected - s.delivered;
  const noLoss = lostPairs === 0 && s.lostVotes === 0 && s.finalCheck.mismatches === 0 && s.framesPerClient.behind === 0 && s.votesFailed === 0
    && s.finalCheck.storeVotesDelta === s.finalCheck.ackedVotesDelta;
  targets.push({
    name: `S2 lost updates, ${size}`,
    goal: 'zero (issue 4): every acked vote on every sampled screen; every screen ends on the store\'s counts',
    measured: `${n0(s.delivered)} / ${n0(s.expected)} (vote, observer) pairs reflected, ${s.lostVotes} votes lost, ${s.votesFailed} votes failed; final counts: ${s.finalCheck.mismatches} of ${n0(s.finalCheck.pairsChecked)} (observer, question) pairs differ from the store; ${s.framesPerClient.behind} of ${n0(s.clients)} clients got fewer ranking frames than the sampled ones`,
    met: noLoss,
    note: noLoss ? '' : `${lostPairs > 0 ? `${pct(lostPairs, s.expected)} of pairs missing. ` : ''}${s.finalCheck.example ?? ''}${s.firstVoteError ? ` First failed vote: ${s.firstVoteError}.` : ''}${s.drainComplete ? '' : ' The observers had not caught up when the drain ended.'}`,
  });

  // Judged where the broadcasts leave the server: a client that reads late receives two updates sent 100 ms apart
  // together, so a 1-s window at a client can hold 11 or 12 while the server kept its pace.
  const sentMax = s2.serverBroadcasts.perSecondMax;
  const rateMet = sentMax <= S2_TARGETS.broadcastsPerSecond;
  targets.push({
    name: 'S2 ranking broadcasts per hotseat',
    goal: `≤ ~${S2_TARGETS.broadcastsPerSecond} per second (issue 7)`,
    measured: `sent: ${sentMax} in the busiest 1-s window, ${f(s2.serverBroadcasts.perSecondMean, 2)}/s on average, shortest gap ${f(s2.serverBroadcasts.minGapMs)} ms; seen at a sampled observer: ${s.framesPerSecondMax} in the busiest 1-s window, ${f(s.framesPerSecondMax5s)}/s in the busiest 5 s`,
    met: rateMet,
    note: `Judged on what the server sent${rateMet ? '' : `, ${sentMax - S2_TARGETS.broadcastsPerSecond} over in the busiest second`}: each update is timed as it is written to the room's first socket, a moment after it starts (queued work or a GC pause in between can make a gap read a few ms under 100). At a client, late reads bunch updates sent 100 ms apart${s.framesPerSecondMax > S2_TARGETS.broadcastsPerSecond ? ', as here' : ''}.`,
  });

  const eld = margin(s2.serverEld.p99Ms, S2_TARGETS.serverEldP99Ms, 'ms');
  targets.push({
    name: `S2 server event-loop delay, ${size}`,
    goal: `p99 < ${S2_TARGETS.serverEldP99Ms} ms (issue 4)`,
    measured: `p99 ${f(s2.serverEld.p99Ms)} ms (p50 ${f(s2.serverEld.p50Ms)}, max ${f(s2.serverEld.maxMs, 0)}; perf_hooks' raw p99 ${f(s2.server.eldP99Ms)} ms less its ${ELD_SAMPLING_MS}-ms sampling period); server CPU ${f(s2.server.cpuPct, 0)}%`,
    met: s2.validity.valid ? eld.met : null,
    note: `${eld.text[0]!.toUpperCase()}${eld.text.slice(1)}.${invalid}${eld.met ? '' : ` ${limits(s2)}`}`,
  });
  return targets;
}

export function renderS2(s2: S2Result, serverCore: number): string[] {
  const s = s2.storm;
  const out: string[] = [];
  out.push('## S2 hotseat vote storm', '');
  out.push(`${n0(s.clients)} learners on one live hotseat's page (raw socket.io clients, each joined with \`hotseat:join\` after an LTI launch), ${n0(s.questions)} open questions asked through the HTTP API. `
    + `The clients vote in turn over their own sockets (\`hotseat:vote\`, acked with the question's new \`voteVersion\`), ${s2.rate} votes a second for ${f(s2.durationMs / 1000, 0)} s, questions drawn with a skew towards the first ones. `
    + `A vote is on a screen when the first \`hotseat:ranking\` frame whose entry for its question has a version ≥ the vote's arrives there (the page ignores older versions); latency is that arrival minus the vote's send time, on the generator's clock, over every (vote, sampled observer) pair. `
    + `${s.parsedObservers} observers spread over the clients parse their frames; the other ${n0(s.clients - s.parsedObservers)} only count frames and bytes (they must receive as many as the sampled ones). `
    + `Vote limit in force: ${s2.voteLimit ?? 'unknown'} per person per minute${s2.voteLimit === HOTSEAT_LIMITS.votesPerMinute ? ' (the product\'s)' : ' (raised for these settings)'}.`, '');
  out.push('| Measure | Value |', '| --- | --- |');
  const rows: Array<[string, string]> = [
    ['Votes asked / sent / acked / failed', `${n0(s.votesPlanned)} / ${n0(s.votesSent)} / ${n0(s.votesOk)} / ${n0(s.votesFailed)}${s.firstVoteError ? ` (first: ${s.firstVoteError})` : ''}`],
    ['Votes acked per second', f(s.achievedVoteRate)],
    ['Vote round trip (emit → ack) p50 / p99 / max ms', `${f(s.voteAck.p50)} / ${f(s.voteAck.p99)} / ${f(s.voteAck.max, 0)}`],
    ['**Vote-to-screen p50 / p99 / max ms**', `**${f(s.latency.p50)} / ${f(s.latency.p99)} / ${f(s.latency.max, 0)}** (p95 ${f(s.latency.p95)})`],
    ['Reflected / expected (vote, observer) pairs', `${n0(s.delivered)} / ${n0(s.expected)} (${s.lostVotes} votes lost)`],
    ['Observers caught up after the last ack in', `${f(s.drainedMs, 0)} ms${s.drainComplete ? '' : ' (**not caught up** when the drain ended)'}`],
    ['Final counts vs the store', `${s.finalCheck.mismatches} of ${n0(s.finalCheck.pairsChecked)} (observer, question) pairs differ; store's net votes ${s.finalCheck.storeVotesDelta}, acked net votes ${s.finalCheck.ackedVotesDelta}`],
    ['Ranking frames per client (sampled / fewest / most)', `${n0(s.framesPerClient.reference)} / ${n0(s.framesPerClient.min)} / ${n0(s.framesPerClient.max)}; ${s.framesPerClient.behind} clients behind; ${s.strayFrames} stray`],
    ['Ranking broadcasts sent: busiest 1-s window / mean / shortest gap', `${s2.serverBroadcasts.perSecondMax} / ${f(s2.serverBroadcasts.perSecondMean, 2)} per second / ${f(s2.serverBroadcasts.minGapMs)} ms (${n0(s2.serverBroadcasts.count)} updates)`],
    ['Ranking updates seen at a sampled observer: busiest 1-s window / busiest 5 s / mean', `${s.framesPerSecondMax} / ${f(s.framesPerSecondMax5s)} / ${f(s.framesPerSecondMean, 2)} per second`],
    ['Entries per frame / bytes per frame', `${f(s.meanEntriesPerFrame)} / ${f(s.meanFrameBytes, 0)}`],
    ['Deliveries per second (ranking frames to all clients)', n0(s.deliveriesPerSecond)],
    ['Server CPU', `${f(s2.server.cpuPct, 0)}% of one core (${f(s2.serverCpuMsPerVote, 2)} ms per vote); core ${serverCore}`],
    ['Server event-loop delay p50 / p99 / max ms (beyond the 10-ms sampling period)', `${f(s2.serverEld.p50Ms)} / ${f(s2.serverEld.p99Ms)} / ${f(s2.serverEld.maxMs, 0)} (raw p99 ${f(s2.server.eldP99Ms)})`],
    ['Server RSS / per joined connection (after GC)', `${f(s2.server.rssBytes / 1048576, 0)} MB / ${f(s2.memory.rssPerConnectionKB)} KB RSS, ${f(s2.memory.heapPerConnectionKB)} KB heap (baseline ${f(s2.memory.baselineRssMB, 0)} MB)`],
    ['Server waited for its core', `${f(s2.server.runQueueWaitPct, 0)}% of the run`],
    ['Generator CPU / event-loop delay p99', `${f(s.generator.cpuPct, 0)}% / ${f(s.generator.eldP99Ms)} ms (waited for its core ${f(s.generator.runQueueWaitPct, 0)}%)`],
    ['Other CPU on the machine', `${f(s2.otherCpuPct, 0)}% of a core`],
    ['Valid', s2.validity.valid ? 'yes' : `**INVALID** (${s2.validity.reason})`],
  ];
  for (const [measure, value] of rows) out.push(`| ${measure} | ${value} |`);
  out.push('', `Setup (not measured): ${n0(s2.setup.launched)} launches in ${f(s2.setup.launchMs / 1000)} s; ${n0(s2.setup.connected)} clients joined the hotseat in ${f(s2.setup.connectMs / 1000)} s (join ack ${f(s2.setup.joinAckBytes, 0)} bytes).`, '');
  return out;
}
