/**
 * `npm run bench`: Agora's benchmark suite. Starts the servers and the load generator as separate
 * processes pinned to different cores, runs the scenarios, and writes a dated Markdown + JSON
 * report under bench/results/. See bench/README.md and docs/performance.md.
 */
import os from 'node:os';
import type { Child } from './lib/child';
import { tasksetAvailable } from './lib/child';
import type { BenchContext } from './lib/context';
import { parseOptions } from './lib/options';
import { judgeTargets, writeReport, type BenchReport } from './lib/report';
import { redisServerAvailable } from './lib/redis';
import { newSecret, scratchDir, startAgoraProcess, startControlProcess, startLoadgen } from './lib/servers';
import { HOTSEAT_LIMITS } from '../src/domain/hotseat';
import { runS1 } from './scenarios/s1-fanout';
import { runS2 } from './scenarios/s2-vote-storm';
import { runS3, runS3Mongo } from './scenarios/s3-persistence';
import { runS4 } from './scenarios/s4-multiprocess';
import { runS5 } from './scenarios/s5-launches';
import { runD1 } from './scenarios/d1-room-scale';
import { registerGeneratorPlatform } from './scenarios/setup';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = new Date();
  const loadAverageAtStart = os.loadavg();
  const warnings: string[] = [];
  const errors: BenchReport['errors'] = [];
  const log = (message: string) => process.stdout.write(`[${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
  const warn = (message: string) => {
    warnings.push(message);
    log(`WARNING: ${message}`);
  };

  const pinned = tasksetAvailable();
  if (!pinned) warn('taskset (util-linux) is not available: the server and the load generator are not pinned to separate cores, so they compete for CPU and the figures are pessimistic.');
  if (os.cpus().length < 2) warn(`only ${os.cpus().length} CPU: the server and the load generator share it.`);
  if (loadAverageAtStart[0]! > 0.5) warn(`load average ${loadAverageAtStart[0]!.toFixed(2)} at start: other work on this machine disturbs the figures.`);

  const children: Child[] = [];
  const gen = await startLoadgen({ core: options.generatorCore, nice: options.nice, verbose: options.verbose });
  children.push(gen);
  const ctx: BenchContext = { options, gen, log, warn };
  const report: Omit<BenchReport, 'targets' | 'environment'> = {
    options: { ...options, scenarios: [...options.scenarios] },
    warnings,
    s1: null,
    s2: null,
    s3: null,
    s3Mongo: null,
    s4: null,
    s5: null,
    d1: null,
    errors,
  };

  const attempt = async (scenario: string, work: () => Promise<void>) => {
    if (!options.scenarios.has(scenario)) return;
    try {
      await work();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      errors.push({ scenario, message });
      log(`${scenario} FAILED: ${message}`);
      await gen.call('clients:close').catch(() => undefined);
    }
  };

  try {
    // S2 keeps the product's vote limit unless its settings ask more of each voter (with headroom for the warm-up).
    const votesPerVoterPerMinute = (options.s2Rate * 60) / Math.max(1, options.s2Clients);
    const votesPerMinute = votesPerVoterPerMinute * 1.5 > HOTSEAT_LIMITS.votesPerMinute ? 1_000_000 : undefined;
    const agora = await startAgoraProcess({ name: 'agora', core: options.serverCore, nice: options.nice, dataDir: scratchDir('main'), secret: newSecret(), postsPerMinute: 1_000_000, votesPerMinute, verbose: options.verbose });
    const agoraReady = await agora.child.ready;
    children.push(agora.child);
    log(`Agora (${agoraReady.storageKind}) at ${agora.url}, pid ${agora.child.pid}; load generator pid ${gen.pid}`);
    let registered = false;
    const ensureRegistered = async () => {
      if (!registered) await registerGeneratorPlatform(ctx, agora.child);
      registered = true;
    };

    await attempt('S1', async () => {
      const control = await startControlProcess({ core: options.serverCore, nice: options.nice, verbose: options.verbose });
      children.push(control.child);
      try {
        registered = true;
        report.s1 = await runS1(ctx, { ...agora, postLimit: agoraReady.postLimit }, control);
      } finally {
        await control.child.stop();
      }
    });
    await attempt('S2', async () => {
      await ensureRegistered();
      report.s2 = await runS2(ctx, { ...agora, voteLimit: agoraReady.voteLimit });
    });
    await attempt('S3', async () => {
      await ensureRegistered();
      report.s3 = await runS3(ctx, agora);
      // The same posts in the S1 course, with its thousands of members: does a post cost more in a big course?
      if (report.s1) report.s3.push(...(await runS3(ctx, agora, 'sqlite', report.s1.course)));
      const mongodbUri = process.env.MONGODB_URI;
      if (mongodbUri) report.s3Mongo = await runS3Mongo(ctx, mongodbUri);
    });
    await attempt('D1', async () => {
      await ensureRegistered();
      report.d1 = await runD1(ctx, agora, { threads: options.d1Threads, repliesPerThread: options.d1RepliesPerThread, renders: options.d1Renders });
    });

    await attempt('S5', async () => {
      await ensureRegistered();
      report.s5 = await runS5(ctx, agora);
    });
    await agora.child.stop();
    await attempt('S4', async () => {
      if (!redisServerAvailable()) {
        warn('S4 skipped: redis-server is not installed (apt-get install redis-server).');
        return;
      }
      report.s4 = await runS4(ctx, process.env.MONGODB_URI);
    });
  } finally {
    await gen.call('close').catch(() => undefined);
    await Promise.all(children.map((child) => child.stop().catch(() => undefined)));
  }

  const finished = new Date();
  const full: BenchReport = {
    ...report,
    environment: {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationS: (finished.getTime() - started.getTime()) / 1000,
      node: process.version,
      socketIo: (require('socket.io/package.json') as { version: string }).version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryGB: os.totalmem() / 1024 ** 3,
      loadAverageAtStart,
      loadAverageAtEnd: os.loadavg(),
      pinned,
      serverCore: options.serverCore,
      generatorCore: options.generatorCore,
    },
    targets: [],
  };
  full.targets = judgeTargets(full);
  const files = writeReport(full, options.outDir);
  log(`report: ${files.markdown} and ${files.json}`);
  for (const t of full.targets) log(`${t.met === null ? 'n/a' : t.met ? 'MET ' : 'MISS'}  ${t.name}: ${t.measured}`);
  process.exitCode = errors.length ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
