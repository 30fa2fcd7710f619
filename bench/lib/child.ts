/**
 * Child processes for the bench suite and the multi-process tests: each runs a TypeScript entry
 * through tsx, optionally pinned to one CPU core with `taskset`, and answers calls over Node's IPC
 * channel (`{id, method, params}` → `{id, ok, result | error}`). The first message a child sends
 * is `{type: 'ready', info}`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

let tasksetChecked: boolean | null = null;

/** Whether util-linux's taskset can pin processes here (checked once). */
export function tasksetAvailable(): boolean {
  if (tasksetChecked === null) {
    const probe = spawnSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
    tasksetChecked = probe.status === 0;
  }
  return tasksetChecked;
}

export interface SpawnOptions {
  /** Human name, used in error messages. */
  name: string;
  /** Path of the TypeScript entry, relative to the repository root or absolute. */
  script: string;
  /** CPU core to pin to (`taskset -c`); ignored when taskset is missing. */
  core?: number;
  /** Scheduling priority (`nice -n`); negative values need root. */
  nice?: number;
  env?: Record<string, string | undefined>;
  nodeArgs?: string[];
  /** Forward the child's stdout/stderr to ours (otherwise only the tail of stderr is kept). */
  verbose?: boolean;
  /** How long to wait for the ready message. */
  readyTimeoutMs?: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class Child<Ready = unknown> {
  readonly ready: Promise<Ready>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly pinned: boolean;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stderrTail = '';
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  private constructor(readonly name: string, readonly process: ChildProcess, pinned: boolean, readyTimeoutMs: number) {
    this.pinned = pinned;
    this.exited = new Promise((resolve) => {
      process.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        const error = new Error(`${name} exited (code ${code}, signal ${signal})${this.stderrTail ? `: ${this.stderrTail.trim().slice(-1500)}` : ''}`);
        for (const call of this.pending.values()) call.reject(error);
        this.pending.clear();
        resolve({ code, signal });
      });
    });
    this.ready = new Promise<Ready>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} was not ready within ${readyTimeoutMs} ms${this.stderrTail ? `: ${this.stderrTail.trim().slice(-1500)}` : ''}`)), readyTimeoutMs);
      process.on('message', (message: { type?: string; info?: Ready; id?: number; ok?: boolean; result?: unknown; error?: string }) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolve(message.info as Ready);
          return;
        }
        if (typeof message.id !== 'number') return;
        const call = this.pending.get(message.id);
        if (!call) return;
        this.pending.delete(message.id);
        if (message.ok) call.resolve(message.result);
        else call.reject(new Error(`${name}: ${message.error}`));
      });
      void this.exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`${name} exited before it was ready${this.stderrTail ? `: ${this.stderrTail.trim().slice(-1500)}` : ''}`));
      });
    });
    // Keep an unhandled rejection from crashing the parent when nobody awaits `ready`.
    this.ready.catch(() => undefined);
  }

  static spawn<R = unknown>(options: SpawnOptions): Child<R> {
    const script = path.isAbsolute(options.script) ? options.script : path.join(ROOT, options.script);
    const nodeArgs = ['--import', 'tsx', ...(options.nodeArgs ?? []), script];
    const pin = options.core !== undefined && tasksetAvailable();
    const pinned = pin ? ['taskset', '-c', String(options.core), process.execPath, ...nodeArgs] : [process.execPath, ...nodeArgs];
    const full = options.nice ? ['nice', '-n', String(options.nice), ...pinned] : pinned;
    const [command, ...args] = full as [string, ...string[]];
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', options.verbose ? 'inherit' : 'ignore', options.verbose ? 'inherit' : 'pipe', 'ipc'],
    });
    const handle = new Child<R>(options.name, child, pin, options.readyTimeoutMs ?? 30_000);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      handle.stderrTail = (handle.stderrTail + chunk).slice(-4000);
    });
    return handle;
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  get alive(): boolean {
    return this.exitInfo === null;
  }

  call<T = unknown>(method: string, params: unknown = {}, timeoutMs = 600_000): Promise<T> {
    if (!this.alive) return Promise.reject(new Error(`${this.name} is not running`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${method} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => { clearTimeout(timer); resolve(value as T); },
        reject: (error) => { clearTimeout(timer); reject(error); },
      });
      this.process.send({ id, method, params });
    });
  }

  /** Sends a signal and waits for the process to exit (SIGKILL after `graceMs`). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): Promise<void> {
    if (!this.alive) return;
    this.process.kill(signal);
    const timer = setTimeout(() => { if (this.alive) this.process.kill('SIGKILL'); }, graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

export type Handlers = Record<string, (params: never) => unknown>;

/** The child side: answers calls from the parent and announces readiness. */
export function serveParent(handlers: Handlers, readyInfo: unknown): void {
  if (!process.send) throw new Error('this script runs as a child process with an IPC channel (see bench/lib/child.ts)');
  process.on('message', (message: { id?: number; method?: string; params?: unknown }) => {
    if (typeof message.id !== 'number' || typeof message.method !== 'string') return;
    const handler = handlers[message.method];
    const id = message.id;
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown method ${message.method}`);
        return (handler as (params: unknown) => unknown)(message.params);
      })
      .then(
        (result) => process.send!({ id, ok: true, result: result ?? null }),
        (error: unknown) => process.send!({ id, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) }),
      );
  });
  // The parent going away (even killed) closes the channel: don't linger as an orphan.
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', info: readyInfo });
}
