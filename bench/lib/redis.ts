/**
 * Debian's redis-server, started on a free loopback port with no persistence, for the bench's S4
 * and for tests/scale. `.ci/run` installs it; elsewhere `apt-get install redis-server`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { tasksetAvailable } from './child';
import { freePort } from './ports';

export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? 'redis-server';

export function redisServerAvailable(): boolean {
  return spawnSync(REDIS_SERVER, ['--version'], { stdio: 'ignore' }).status === 0;
}

export class RedisServer {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number, private readonly core?: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(options: { port?: number; core?: number } = {}): Promise<RedisServer> {
    if (!redisServerAvailable()) {
      throw new Error(`${REDIS_SERVER} is not installed: "apt-get install redis-server" (as .ci/run does), or set REDIS_SERVER_PATH.`);
    }
    const server = new RedisServer(options.port ?? (await freePort()), options.core);
    await server.resume();
    return server;
  }

  /** (Re)starts the server on the same port; it comes back empty (no persistence). */
  async resume(): Promise<void> {
    if (this.child) return;
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'];
    const pin = this.core !== undefined && tasksetAvailable();
    const child = pin ? spawn('taskset', ['-c', String(this.core), REDIS_SERVER, ...args], { stdio: 'ignore' }) : spawn(REDIS_SERVER, args, { stdio: 'ignore' });
    this.child = child;
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
    const deadline = Date.now() + 10_000;
    while (!(await ping(this.port))) {
      if (Date.now() > deadline || !this.child) throw new Error(`redis-server did not answer on port ${this.port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Stops the server (SIGKILL: as abrupt as a crash) and waits until it has exited. */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    this.child = null;
  }
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}
