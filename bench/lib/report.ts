/** The dated report: JSON (everything measured) and Markdown (the tables a reader needs). */
import fs from 'node:fs';
import path from 'node:path';
import type { S1Result } from '../scenarios/s1-fanout';
import type { S2Result } from '../scenarios/s2-vote-storm';
import type { S3Row } from '../scenarios/s3-persistence';
import type { S4Result } from '../scenarios/s4-multiprocess';
import type { S5Result } from '../scenarios/s5-launches';
import { D1_TARGET_P95_MS, type D1Result } from '../scenarios/d1-room-scale';
import type { FanoutRow } from '../scenarios/rows';
import type { BenchOptions } from './options';
import { renderS2, s2Targets } from './report-s2';

export interface Environment {
  startedAt: string;
  finishedAt: string;
  durationS: number;
  node: string;
  socketIo: string;
  cpus: number;
  cpuModel: string;
  memoryGB: number;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
  pinned: boolean;
  serverCore: number;
  generatorCore: number;
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  met: boolean | null;
  note: string;
}

export interface BenchReport {
  environment: Environment;
  options: Omit<BenchOptions, 'scenarios'> & { scenarios: string[] };
  warnings: string[];
  targets: Target[];
  s1: S1Result | null;
  /** Absent in reports written before S2 existed. */
  s2?: S2Result | null;
  s3: S3Row[] | null;
  s3Mongo: S3Row[] | null;
  s4: S4Result | null;
  s5: S5Result | null;
  d1: D1Result | null;
  errors: Array<{ scenario: string; message: string }>;
}

const f = (value: number | null | undefined, digits = 1) => (value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));
const n0 = (value: number) => Math.round(value).toLocaleString('en');
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : '–');

/** The targets of issue 7, judged from the measurements. */
export function judgeTargets(report: Omit<BenchReport, 'targets'>): Target[] {
  const targets: Target[] = [];
  const s1 = report.s1;
  const cell = s1?.cells.find((c) => c.server === 'agora' && c.clients === 1000 && c.rate === 50);
  if (cell) {
    const met = cell.p99Ms < 50 && cell.lost === 0 && cell.postsFailed === 0;
    targets.push({
      name: 'S1 latency at 1,000 clients × 50 posts/s',
      goal: 'p99 < 50 ms, zero loss',
      measured: `p99 ${f(cell.p99Ms)} ms, ${cell.delivered}/${cell.expected} delivered${cell.valid ? '' : ` (run INVALID: ${cell.invalidReason})`}; ${f(cell.serverCpuMsPerPost ?? (cell.serverCpuPct * 10) / Math.max(1, cell.achievedPostRate))} ms of server CPU per post`,
      met: cell.valid ? met : null,
      note: met ? '' : missedBy(cell.p99Ms, 50, 'ms') + limits(cell),
    });
  } else {
    targets.push({ name: 'S1 latency at 1,000 clients × 50 posts/s', goal: 'p99 < 50 ms, zero loss', measured: 'not run at this size', met: null, note: 'Run without --quick (or with --clients 1000 --rates 50).' });
  }
  const search = s1?.search;
  if (search) {
    // CPU-time ceiling: one core's worth of posts at the measured cost per post, times the room size.
    // Unlike latency, CPU time per post hardly moves when other work competes for the core.
    const ceiling = (server: string) => {
      const costs = (s1?.cells ?? []).filter((c) => c.server === server && c.clients === search.clients && c.serverCpuMsPerPost > 0).map((c) => c.serverCpuMsPerPost);
      return costs.length ? (search.clients * 1000) / Math.min(...costs) : null;
    };
    const agoraCeiling = ceiling('agora');
    const controlCeiling = ceiling('control');
    const estimate = agoraCeiling && controlCeiling
      ? ` From CPU time per post at ${n0(search.clients)} clients: Agora ≈ ${n0(agoraCeiling)} and the control ≈ ${n0(controlCeiling)} deliveries/s per core, ${((agoraCeiling / controlCeiling) * 100).toFixed(0)}%.`
      : '';
    const met = search.ratio !== null && search.ratio >= 0.8;
    targets.push({
      name: `S1 sustainable deliveries/s vs stock socket.io (${n0(search.clients)} clients)`,
      goal: '≥ 80% of the control',
      measured: `Agora ${search.agoraBest ? n0(search.agoraBest.deliveriesPerSecond) : 'none'} vs control ${search.controlBest ? n0(search.controlBest.deliveriesPerSecond) : 'none'} deliveries/s = ${search.ratio === null ? '–' : `${(search.ratio * 100).toFixed(0)}%`}`,
      met: search.ratio === null ? null : met,
      note: (met || search.ratio === null ? searchCaveat(search.agora.concat(search.control)) : `missed by ${((0.8 - search.ratio) * 100).toFixed(0)} percentage points.${searchCaveat(search.agora.concat(search.control))}`) + searchStop(search.agora, search.sloMs) + estimate,
    });
  }
  const memory = s1?.memory.filter((m) => m.server === 'agora').sort((a, b) => b.clients - a.clients)[0];
  if (memory) {
    const met = memory.rssPerConnectionKB < 30;
    targets.push({
      name: `Memory per idle connection (${n0(memory.clients)} joined clients)`,
      goal: '< 30 KB beyond the baseline',
      measured: `${f(memory.rssPerConnectionKB)} KB RSS (${f(memory.heapPerConnectionKB)} KB of it JS heap)`,
      met,
      note: met ? '' : missedBy(memory.rssPerConnectionKB, 30, 'KB'),
    });
  }
  if (report.s5) {
    const p95 = report.s5.sequential.timings.total.p95;
    targets.push({
      name: `Launch latency (login → launch → course home, ${n0(report.s5.threads)} threads in the course)`,
      goal: 'p95 < 100 ms',
      measured: `p95 ${f(p95)} ms one at a time; ${f(report.s5.concurrent.perSecond)} launches/s with ${report.s5.concurrent.concurrency} at once (p95 ${f(report.s5.concurrent.timings.total.p95)} ms)`,
      met: p95 < 100,
      note: p95 < 100 ? '' : missedBy(p95, 100, 'ms'),
    });
    const list = report.s5.renders.find((r) => r.page.startsWith('thread list (page)'));
    if (list) {
      targets.push({
        name: `Thread list render with ${n0(report.s5.threads)} threads (issue 3)`,
        goal: 'p95 < 50 ms',
        measured: `p95 ${f(list.latency.p95)} ms at the client (includes HTTP on loopback)`,
        met: list.latency.p95 < 50,
        note: list.latency.p95 < 50 ? '' : missedBy(list.latency.p95, 50, 'ms'),
      });
    }
  }
  if (report.d1) {
    const d1 = report.d1;
    for (const [label, prefix] of [['thread list', 'thread list (page)'], ['thread page', 'thread page'], ['search', 'search']] as const) {
      const rows = d1.rows.filter((r) => r.page.startsWith(prefix));
      if (rows.length === 0) continue;
      const worst = Math.max(...rows.map((r) => r.latency.p95));
      targets.push({
        name: `D1 ${label} with ${n0(d1.threads)} threads and ${n0(d1.replies)} replies on ${'SQLite'} (issue 3)`,
        goal: `p95 < ${D1_TARGET_P95_MS} ms`,
        measured: `worst p95 ${f(worst)} ms at the client (${rows.map((r) => r.page).join('; ')})`,
        met: worst < D1_TARGET_P95_MS,
        note: worst < D1_TARGET_P95_MS ? '' : missedBy(worst, D1_TARGET_P95_MS, 'ms'),
      });
    }
  }
  targets.push(...s2Targets(report.s2 ?? null));
  return targets;
}

function missedBy(measured: number, goal: number, unit: string): string {
  return `Missed by ${f(measured - goal)} ${unit} (${f(measured / goal, 2)}× the goal). `;
}

function limits(row: FanoutRow): string {
  const parts: string[] = [];
  const perPost = row.serverCpuMsPerPost;
  if (perPost !== undefined) parts.push(`each post costs the server ${f(perPost)} ms of CPU (fan-out included), i.e. ${f((perPost * row.rate) / 10, 0)}% of a core at ${row.rate} posts/s`);
  if (row.serverCpuPct >= 85) parts.push(`the server process is CPU-bound (${f(row.serverCpuPct, 0)}% of its core)`);
  if (row.serverEldP99Ms >= 20) parts.push(`its event loop is delayed (p99 ${f(row.serverEldP99Ms)} ms)`);
  if (row.postP99Ms >= 50) parts.push(`posting itself is slow (POST p99 ${f(row.postP99Ms)} ms)`);
  return parts.length ? `Limited by: ${parts.join('; ')}.` : '';
}

/** What ended Agora's search: the criterion its first unsustained step failed, and how busy its core was then. */
function searchStop(rows: FanoutRow[], sloMs: number): string {
  const stop = rows.find((row) => !row.sustainable);
  if (!stop) return '';
  const failed: string[] = [];
  if (stop.lost > 0 || stop.postsFailed > 0) failed.push(`${n0(stop.lost)} lost deliveries, ${stop.postsFailed} failed posts`);
  if (stop.achievedPostRate < stop.rate * 0.95) failed.push(`posts behind the asked rate (${f(stop.achievedPostRate)} of ${stop.rate}/s)`);
  if (stop.p99Ms > sloMs) failed.push(`p99 ${f(stop.p99Ms)} ms over the ${sloMs}-ms limit`);
  const cpuBound = stop.serverCpuPct >= 90;
  return ` Agora's search stopped at ${stop.rate} posts/s on ${failed.join('; ') || 'an invalid step'}, its server at ${f(stop.serverCpuPct, 0)}% of a core: ${cpuBound ? 'CPU' : 'latency, not CPU,'} limits it.`;
}

function searchCaveat(rows: FanoutRow[]): string {
  const invalid = rows.filter((r) => !r.valid);
  return invalid.length ? ` ${invalid.length} search step(s) were INVALID (${invalid[0]!.invalidReason}), so the ceiling found may not be the server's.` : '';
}

export function writeReport(report: BenchReport, outDir: string): { markdown: string; json: string } {
  fs.mkdirSync(outDir, { recursive: true });
  const stamp = report.environment.startedAt.replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  const base = path.join(outDir, `${stamp}${report.options.quick ? '-quick' : ''}`);
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(`${base}.md`, renderMarkdown(report));
  return { markdown: `${base}.md`, json: `${base}.json` };
}

export function renderMarkdown(report: BenchReport): string {
  const env = report.environment;
  const out: string[] = [];
  out.push(`# Agora benchmark, ${env.startedAt.slice(0, 10)}${report.options.quick ? ' (quick mode: a sanity pass, not figures to quote)' : ''}`, '');
  out.push(`Started ${env.startedAt}, took ${f(env.durationS / 60)} min. Node ${env.node}, socket.io ${env.socketIo}, ${env.cpus} × ${env.cpuModel}, ${f(env.memoryGB, 0)} GB.`);
  out.push(`Server process(es) ${env.pinned ? `pinned to core ${env.serverCore}` : 'NOT pinned (taskset missing)'}, load generator ${env.pinned ? `pinned to core ${env.generatorCore}` : 'not pinned'}. Load average at start ${env.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')}, at end ${env.loadAverageAtEnd.map((l) => l.toFixed(2)).join(' ')} (other work on the machine disturbs the figures).${report.options.nice ? ` The bench's processes ran at nice ${report.options.nice}.` : ''}`);
  out.push('', 'Posts reach Agora through its HTTP API (`POST /api/courses/:id/threads` with the session cookie and `X-CSRF-Token`), rotating over ' +
    `${report.options.posters} people, so every post pays what a browser's post pays. Bench-only deviation: the per-person posting limit is raised in the bench's Agora processes (the limit check still runs). The control is a stock socket.io ${env.socketIo} server (perMessageDeflate off, as Agora) that broadcasts a copy of a real Agora event frame.`, '');
  if (report.warnings.length) out.push('**Warnings**', '', ...report.warnings.map((w) => `- ${w}`), '');
  if (report.errors.length) out.push('**Scenario errors**', '', ...report.errors.map((e) => `- ${e.scenario}: ${e.message}`), '');

  out.push('## Targets', '', '| Target | Goal | Measured | Met | Note |', '| --- | --- | --- | --- | --- |');
  for (const t of report.targets) out.push(`| ${t.name} | ${t.goal} | ${t.measured} | ${t.met === null ? 'n/a' : t.met ? 'yes' : '**no**'} | ${t.note} |`);
  out.push('');

  const s1 = report.s1;
  if (s1) {
    out.push('## S1 fan-out: one course room', '');
    out.push('Latency is from the moment the post request is sent to the moment a client holds the event frame. "CPU ms per post" is the server\'s CPU time over the posts it took (fan-out included). "Other CPU" is what the rest of the machine used meanwhile; "Server CPU wait" is the share of the run the server was ready to run but waited for its core because of that other work (10% or more, for the server or the generator, marks the run invalid). "×ctl" columns are Agora over the control at the same size and rate.', '');
    out.push('| Clients | Posts/s | Server | p50 ms | p99 ms | max ms | Delivered / expected | Deliveries/s | Server CPU % | CPU ms per post | ELD p99 ms | Server RSS MB | Gen CPU % | Other CPU % | Server CPU wait % | Valid | p99 ×ctl | CPU ×ctl | Deliveries/s ×ctl |');
    out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const row of s1.cells) {
      const control = s1.cells.find((c) => c.server === 'control' && c.clients === row.clients && c.rate === row.rate);
      const isAgora = row.server === 'agora' && control;
      out.push(`| ${n0(row.clients)} | ${row.rate} | ${row.server} | ${f(row.p50Ms)} | ${f(row.p99Ms)} | ${f(row.maxMs, 0)} | ${n0(row.delivered)} / ${n0(row.expected)}${row.lost ? ` (**${n0(row.lost)} lost**)` : ''}${row.postsFailed ? ` (${row.postsFailed} posts failed)` : ''} | ${n0(row.deliveriesPerSecond)} | ${f(row.serverCpuPct, 0)} | ${f(row.serverCpuMsPerPost ?? (row.serverCpuPct * 10) / Math.max(1, row.achievedPostRate))} | ${f(row.serverEldP99Ms)} | ${f(row.serverRssMB, 0)} | ${f(row.generatorCpuPct, 0)} | ${f(row.otherCpuPct, 0)} | ${f(row.serverWaitPct, 0)} | ${row.valid ? 'yes' : `**INVALID** (${row.invalidReason})`} | ${isAgora ? ratio(row.p99Ms, control.p99Ms) : ''} | ${isAgora ? ratio(row.serverCpuPct, control.serverCpuPct) : ''} | ${isAgora ? ratio(row.deliveriesPerSecond, control.deliveriesPerSecond) : ''} |`);
    }
    const failed = s1.cells.find((c) => c.firstPostError);
    if (failed) out.push('', `First failed post: ${failed.firstPostError}`);
    out.push('', '### Memory per joined connection', '', 'RSS and JS heap after a full GC, before and after the clients joined the room.', '');
    out.push('| Server | Clients | Joined | Join time s | Join ack KB | Baseline RSS MB | RSS per connection KB | Heap per connection KB |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const m of s1.memory) out.push(`| ${m.server} | ${n0(m.clients)} | ${n0(m.connected)} | ${f(m.connectMs / 1000)} | ${f(m.joinAckBytes / 1024)} | ${f(m.baselineRssMB, 0)} | ${f(m.rssPerConnectionKB)} | ${f(m.heapPerConnectionKB)} |`);
    if (s1.search) {
      const s = s1.search;
      out.push('', `### Sustainable throughput at ${n0(s.clients)} clients`, '', `Post rates tried in turn until one was not sustained (all delivered, posts at ≥ 95% of the asked rate, p99 ≤ ${s.sloMs} ms).`, '');
      out.push('| Server | Posts/s | p99 ms | Delivered / expected | Deliveries/s | Server CPU % | Gen CPU % | Sustained | Valid |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
      for (const row of [...s.control, ...s.agora]) out.push(`| ${row.server} | ${row.rate} | ${f(row.p99Ms)} | ${n0(row.delivered)} / ${n0(row.expected)} | ${n0(row.deliveriesPerSecond)} | ${f(row.serverCpuPct, 0)} | ${f(row.generatorCpuPct, 0)} | ${row.sustainable ? 'yes' : 'no'} | ${row.valid ? 'yes' : `**INVALID** (${row.invalidReason})`} |`);
      out.push('', `Best sustained: Agora ${s.agoraBest ? `${n0(s.agoraBest.deliveriesPerSecond)} deliveries/s (${s.agoraBest.rate} posts/s)` : 'none'}, control ${s.controlBest ? `${n0(s.controlBest.deliveriesPerSecond)} deliveries/s (${s.controlBest.rate} posts/s)` : 'none'}; ratio ${s.ratio === null ? '–' : `${(s.ratio * 100).toFixed(0)}%`}. Anchors: stock socket.io ≈ 30,000 deliveries/s per core; Centrifugo ≈ 12,500 per CPU at 1M connections.`);
    }
    out.push('', `Setup (not measured): ${n0(s1.setupLaunches.launched)} launches at ${f(s1.setupLaunches.perSecond)}/s. Posting limit in force in the bench's Agora: ${s1.postLimit ?? 'unknown'} per person per minute.`, '');
  }

  if (report.s3 || report.s3Mongo) {
    out.push('## S3 persistence: posts per second through the full command path', '', 'Each poster posts again as soon as its previous post is answered (closed loop); no clients in the room.', '');
    out.push('| Storage | Course members | Posters | Posts/s | p50 ms | p99 ms | max ms | Failed | Server CPU % | CPU ms per post | ELD p99 ms | Valid |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const row of [...(report.s3 ?? []), ...(report.s3Mongo ?? [])]) {
      out.push(`| ${row.storage} | ${n0(row.courseMembers ?? 0)} | ${row.concurrency} | ${n0(row.perSecond)} | ${f(row.latency.p50)} | ${f(row.latency.p99)} | ${f(row.latency.max, 0)} | ${row.failed}${row.firstError ? ` (${row.firstError})` : ''} | ${f(row.serverCpuPct, 0)} | ${f(row.serverCpuMsPerPost ?? (row.serverCpuPct * 10) / Math.max(1, row.perSecond))} | ${f(row.serverEldP99Ms)} | ${row.valid ? 'yes' : `**INVALID** (${row.invalidReason})`} |`);
    }
    if (!report.s3Mongo) out.push('', 'MongoDB: not run (MONGODB_URI is not set).');
    out.push('');
  }

  if (report.s4) {
    const s = report.s4;
    out.push('## S4 two processes, Redis Streams adapter, one store', '', `${n0(s.clients)} clients, half on each process; ${s.rate} posts/s, all posted to process A. Store: ${s.storage}.`, '');
    out.push('| Clients on | Delivered | p50 ms | p99 ms | max ms |', '| --- | --- | --- | --- | --- |');
    for (const [label, g] of [['A: same process as the post', s.sameProcess], ['B: other process, via Redis', s.crossProcess]] as const) {
      out.push(`| ${label} | ${g ? n0(g.delivered) : '–'} | ${f(g?.p50Ms)} | ${f(g?.p99Ms)} | ${f(g?.maxMs, 0)} |`);
    }
    out.push('', `Total ${n0(s.row.delivered)} / ${n0(s.row.expected)} delivered, ${s.row.duplicates} duplicates; both servers' CPU together ${f(s.row.serverCpuPct, 0)}% (both on core ${env.serverCore}, with Redis). ${s.row.valid ? '' : `**INVALID** (${s.row.invalidReason})`}`, '', s.note, '');
  }

  if (report.s5) {
    const s = report.s5;
    out.push('## S5 launches and page renders', '', `Course with ${n0(s.threads)} threads (seeded through the HTTP API at ${f(s.seeding.perSecond, 0)} posts/s).`, '');
    out.push('| Launches | Count | Launches/s | total p50 ms | total p95 ms | login p95 | LMS signing p95 | launch p95 | course home p95 | Server CPU % | Server CPU wait % |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [label, l] of [['one at a time', s.sequential], [`${s.concurrent.concurrency} at once`, s.concurrent]] as const) {
      out.push(`| ${label} | ${l.launched} | ${f(l.perSecond)} | ${f(l.timings.total.p50)} | ${f(l.timings.total.p95)} | ${f(l.timings.login.p95)} | ${f(l.timings.sign.p95)} | ${f(l.timings.launch.p95)} | ${f(l.timings.home.p95)} | ${f(l.serverCpuPct, 0)} | ${f(l.serverWaitPct, 0)} |`);
    }
    out.push('', '| Page | Path | Requests | p50 ms | p95 ms | p99 ms | Size KB |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const r of s.renders) out.push(`| ${r.page} | \`${r.path}\` | ${r.latency.count} | ${f(r.latency.p50)} | ${f(r.latency.p95)} | ${f(r.latency.p99)} | ${f(r.bytes / 1024, 0)} |`);
    out.push('');
  }
  if (report.d1) {
    const d = report.d1;
    out.push('## D1 the discussion room of a large course', '', `${n0(d.threads)} threads and ${n0(d.replies)} replies seeded in ${f(d.seedMs / 1000)} s straight through the storage repositories; each page fetched by one learner, one request at a time.`, '');
    out.push('| Page | Path | Requests | p50 ms | p95 ms | p99 ms | Size KB |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const r of d.rows) out.push(`| ${r.page} | \`${r.path}\` | ${r.latency.count} | ${f(r.latency.p50)} | ${f(r.latency.p95)} | ${f(r.latency.p99)} | ${f(r.bytes / 1024, 0)} |`);
    out.push('');
  }
  if (report.s2) out.push(...renderS2(report.s2, env.serverCore));
  return `${out.join('\n')}\n`;
}
