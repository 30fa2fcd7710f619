/**
 * S1 fan-out: N clients in one course room, posts at R per second, on Agora and on the stock
 * control, side by side. Posts reach Agora through its HTTP API (POST /api/courses/:id/threads,
 * session cookie and X-CSRF-Token), rotating over a few dozen people, so each one pays what a
 * browser's post pays: session lookup, CSRF, validation, the command's transaction, the event bus,
 * the presenter and the broadcast. Also measures memory per joined connection and searches, at
 * one room size, for the highest post rate each server sustains.
 */
import type { Child } from '../lib/child';
import { measureFanout, pause, type BenchContext } from '../lib/context';
import type { MemorySample } from '../lib/meter';
import type { PostTarget } from '../processes/loadgen';
import { fanoutRow, type FanoutRow } from './rows';
import { launchPeople, registerGeneratorPlatform, type LaunchBatch } from './setup';

export interface MemoryRow {
  server: string;
  clients: number;
  connected: number;
  connectMs: number;
  joinAckBytes: number;
  baselineRssMB: number;
  rssPerConnectionKB: number;
  heapPerConnectionKB: number;
}

export interface SearchResult {
  clients: number;
  sloMs: number;
  agora: FanoutRow[];
  control: FanoutRow[];
  agoraBest: FanoutRow | null;
  controlBest: FanoutRow | null;
  /** Agora's best sustainable deliveries/s over the control's. */
  ratio: number | null;
}

export interface S1Result {
  /** The S1 course (every person launched into it), for S3's large-course pass. */
  course: { courseId: string; subs: string[]; members: number };
  posters: number;
  postLimit: number | null;
  setupLaunches: Pick<LaunchBatch, 'launched' | 'wallMs' | 'perSecond'>;
  memory: MemoryRow[];
  cells: FanoutRow[];
  search: SearchResult | null;
}

interface Server {
  name: 'agora' | 'control';
  child: Child;
  url: string;
  target: PostTarget;
  subs?: string[];
}

export async function runS1(ctx: BenchContext, agora: { child: Child; url: string; postLimit: number | null }, control: { child: Child; url: string }): Promise<S1Result> {
  const { options } = ctx;
  const maxClients = Math.max(...options.clients, options.searchClients);
  await registerGeneratorPlatform(ctx, agora.child);
  ctx.log(`S1: launching ${options.posters} posters and ${maxClients} people into one course (setup, not measured)`);
  const posters = await launchPeople(ctx, agora.url, { prefix: 's1-poster', count: options.posters, instructors: 1, contextId: 'bench-s1', contextTitle: 'Bench S1' });
  const people = await launchPeople(ctx, agora.url, { prefix: 's1-person', count: maxClients, contextId: 'bench-s1', contextTitle: 'Bench S1' });
  const courseId = posters.courseId!;
  ctx.log(`S1: ${people.launched} launches in ${(people.wallMs / 1000).toFixed(1)} s (${people.perSecond.toFixed(0)}/s at concurrency 8)`);

  const agoraServer: Server = { name: 'agora', child: agora.child, url: agora.url, target: { kind: 'agora', url: agora.url, courseId, subs: posters.subs }, subs: people.subs };
  const controlServer: Server = { name: 'control', child: control.child, url: control.url, target: { kind: 'control', url: control.url, courseId } };

  // Warm-up on Agora with one client; its first frame becomes the control's template, so both send the same bytes.
  await connect(ctx, agoraServer, courseId, 1);
  await measureFanout(ctx, [agora.child], { target: agoraServer.target, rate: 20, durationMs: 1000, drainMs: 1000 });
  const frame = await ctx.gen.call<string | null>('sample-frame');
  if (!frame) throw new Error('the warm-up post reached no client: is Agora broadcasting?');
  const [, template] = JSON.parse(frame.slice(2)) as [string, Record<string, unknown>];
  await control.child.call('set-template', template);
  await ctx.gen.call('clients:close');

  const memory: MemoryRow[] = [];
  const cells: FanoutRow[] = [];
  for (const clients of options.clients) {
    for (const server of [controlServer, agoraServer]) {
      memory.push(await connectMeasured(ctx, server, courseId, clients));
      await warmUp(ctx, server);
      for (const rate of options.rates) {
        const m = await measureFanout(ctx, [server.child], { target: server.target, rate, durationMs: options.durationMs, drainMs: options.drainMs });
        const row = fanoutRow(server.name, clients, rate, m, options.sloMs);
        cells.push(row);
        ctx.log(`S1 ${server.name.padEnd(7)} ${String(clients).padStart(5)} clients × ${String(rate).padStart(3)}/s: p50 ${row.p50Ms.toFixed(1)} p99 ${row.p99Ms.toFixed(1)} max ${row.maxMs.toFixed(0)} ms, ${row.delivered}/${row.expected} delivered, ${row.deliveriesPerSecond.toFixed(0)}/s, server CPU ${row.serverCpuPct.toFixed(0)}%${row.valid ? '' : ` INVALID (${row.invalidReason})`}`);
        await pause(300);
      }
      await ctx.gen.call('clients:close');
      await pause(500);
    }
  }

  let search: SearchResult | null = null;
  if (options.searchRates.length > 0) {
    const rows: Record<'agora' | 'control', FanoutRow[]> = { agora: [], control: [] };
    for (const server of [controlServer, agoraServer]) {
      await connect(ctx, server, courseId, options.searchClients);
      await warmUp(ctx, server);
      for (const rate of options.searchRates) {
        const m = await measureFanout(ctx, [server.child], { target: server.target, rate, durationMs: options.searchDurationMs, drainMs: options.drainMs });
        const row = fanoutRow(server.name, options.searchClients, rate, m, options.sloMs);
        rows[server.name].push(row);
        ctx.log(`S1 search ${server.name.padEnd(7)} ${options.searchClients} × ${rate}/s: p99 ${row.p99Ms.toFixed(1)} ms, ${row.delivered}/${row.expected}, ${row.deliveriesPerSecond.toFixed(0)} deliveries/s, ${row.sustainable ? 'sustained' : 'NOT sustained'}${row.valid ? '' : ` INVALID (${row.invalidReason})`}`);
        await pause(500);
        if (!row.sustainable) break;
      }
      await ctx.gen.call('clients:close');
      await pause(500);
    }
    const best = (list: FanoutRow[]) => list.filter((r) => r.sustainable).sort((a, b) => b.deliveriesPerSecond - a.deliveriesPerSecond)[0] ?? null;
    const agoraBest = best(rows.agora);
    const controlBest = best(rows.control);
    search = {
      clients: options.searchClients,
      sloMs: options.sloMs,
      agora: rows.agora,
      control: rows.control,
      agoraBest,
      controlBest,
      ratio: agoraBest && controlBest ? agoraBest.deliveriesPerSecond / controlBest.deliveriesPerSecond : null,
    };
  }

  return {
    course: { courseId, subs: posters.subs, members: posters.launched + people.launched },
    posters: options.posters,
    postLimit: agora.postLimit,
    setupLaunches: { launched: people.launched + posters.launched, wallMs: people.wallMs + posters.wallMs, perSecond: (people.launched + posters.launched) / ((people.wallMs + posters.wallMs) / 1000) },
    memory,
    cells,
    search,
  };
}

/** A short unrecorded run first, so the JIT and the connections' buffers are warm in every measured one. */
async function warmUp(ctx: BenchContext, server: Server): Promise<void> {
  await measureFanout(ctx, [server.child], { target: server.target, rate: 20, durationMs: 500, drainMs: 1000 });
  await pause(300);
}

interface ConnectResult {
  connected: number;
  failed: number;
  firstError: string | null;
  ms: number;
  meanJoinAckBytes: number;
}

async function connect(ctx: BenchContext, server: Server, courseId: string, clients: number): Promise<ConnectResult> {
  const result = await ctx.gen.call<ConnectResult>('clients:connect', {
    url: server.url,
    origin: server.url,
    courseId,
    ...(server.subs ? { subs: server.subs.slice(0, clients) } : { anonymous: clients }),
  });
  if (result.failed > 0) ctx.warn(`${server.name}: ${result.failed} of ${clients} clients could not join (${result.firstError})`);
  // Let the joins' presence announcements (at most two a second) settle before measuring.
  await pause(1200);
  return result;
}

async function connectMeasured(ctx: BenchContext, server: Server, courseId: string, clients: number): Promise<MemoryRow> {
  const before = await server.child.call<MemorySample>('memory');
  const joined = await connect(ctx, server, courseId, clients);
  const after = await server.child.call<MemorySample>('memory');
  const row: MemoryRow = {
    server: server.name,
    clients,
    connected: joined.connected,
    connectMs: joined.ms,
    joinAckBytes: joined.meanJoinAckBytes,
    baselineRssMB: before.rssBytes / 1048576,
    rssPerConnectionKB: (after.rssBytes - before.rssBytes) / 1024 / Math.max(1, joined.connected),
    heapPerConnectionKB: (after.heapUsedBytes - before.heapUsedBytes) / 1024 / Math.max(1, joined.connected),
  };
  ctx.log(`S1 ${server.name}: ${joined.connected} clients joined in ${(joined.ms / 1000).toFixed(1)} s; +${row.rssPerConnectionKB.toFixed(1)} KB RSS, +${row.heapPerConnectionKB.toFixed(1)} KB heap per connection; join ack ${(row.joinAckBytes / 1024).toFixed(1)} KB`);
  return row;
}
