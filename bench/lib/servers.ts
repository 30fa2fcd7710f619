/** Starting the bench's child processes: real Agora processes, the stock control and the load generator. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gcFlagsFor } from '../../scripts/gc-flags';
import { Child, tasksetAvailable } from './child';
import { freePort } from './ports';

export interface AgoraProcessOptions {
  name?: string;
  core?: number;
  /** Defaults to a free port. */
  port?: number;
  /** Defaults to this process's own URL; give the shared address when several run behind one. */
  publicUrl?: string;
  dataDir: string;
  secret: string;
  redisUrl?: string;
  mongodbUri?: string;
  logLevel?: string;
  verbose?: boolean;
  /** Bench only: raises the per-person posting limit in that process (see agora-server.ts). */
  postsPerMinute?: number;
  /** Bench only: raises the per-person hotseat vote limit in that process (S2, when its settings need it). */
  votesPerMinute?: number;
  nice?: number;
}

export interface AgoraReady {
  url: string;
  pid: number;
  storageKind: string;
  postLimit: number | null;
  voteLimit: number | null;
}

export type AgoraProcess = Child<AgoraReady>;

export async function startAgoraProcess(options: AgoraProcessOptions): Promise<{ child: AgoraProcess; url: string }> {
  const port = options.port ?? (await freePort());
  const child = Child.spawn<AgoraReady>({
    name: options.name ?? `agora:${port}`,
    script: 'bench/processes/agora-server.ts',
    core: options.core,
    nice: options.nice,
    // BENCH_AGORA_NODE_ARGS: extra node flags for Agora's processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    nodeArgs: ['--expose-gc', ...oneCoreFlags(options.core), ...(process.env.BENCH_AGORA_NODE_ARGS ?? '').split(' ').filter(Boolean)],
    verbose: options.verbose,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: options.publicUrl ?? `http://127.0.0.1:${port}`,
      DATA_DIR: options.dataDir,
      AGORA_SECRET: options.secret,
      REDIS_URL: options.redisUrl ?? '',
      MONGODB_URI: options.mongodbUri ?? '',
      LOG_LEVEL: options.logLevel ?? 'error',
      BENCH_POSTS_PER_MINUTE: options.postsPerMinute === undefined ? '' : String(options.postsPerMinute),
      BENCH_VOTES_PER_MINUTE: options.votesPerMinute === undefined ? '' : String(options.votesPerMinute),
    },
  });
  const ready = await child.ready;
  return { child, url: ready.url };
}

export async function startControlProcess(options: { core?: number; nice?: number; verbose?: boolean } = {}) {
  // BENCH_CONTROL_NODE_ARGS: extra node flags for the control, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (to compare profiles).
  const nodeArgs = ['--expose-gc', ...oneCoreFlags(options.core), ...(process.env.BENCH_CONTROL_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = Child.spawn<{ url: string; pid: number }>({ name: 'control', script: 'bench/processes/control-server.ts', core: options.core, nice: options.nice, nodeArgs, verbose: options.verbose });
  const ready = await child.ready;
  return { child, url: ready.url };
}

export async function startLoadgen(options: { core?: number; nice?: number; verbose?: boolean } = {}) {
  const child = Child.spawn<{ pid: number }>({ name: 'loadgen', script: 'bench/processes/loadgen.ts', core: options.core, nice: options.nice, nodeArgs: oneCoreFlags(options.core), verbose: options.verbose });
  await child.ready;
  return child;
}

/**
 * A process pinned to one core runs with the GC flags `npm start` gives a process on one core
 * (scripts/gc-flags.js), Agora, the control and the generator alike.
 */
function oneCoreFlags(core: number | undefined): string[] {
  return core !== undefined && tasksetAvailable() ? gcFlagsFor(1) : [];
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

const scratch: string[] = [];

/** A scratch directory for one run's databases; removed when this process exits. */
export function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `agora-bench-${prefix}-`));
  scratch.push(dir);
  return dir;
}

process.on('exit', () => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});
