import net from 'node:net';

/**
 * "Several processes behind one address": a round-robin TCP proxy, as a load balancer without
 * sticky sessions would be. Each TCP connection goes to the next backend; a backend that refuses
 * the connection (a killed process) is skipped. Agora's pages use the websocket transport only, so
 * one socket.io session is one TCP connection and needs no stickiness.
 */
export class RoundRobinProxy {
  private next = 0;
  private readonly open = new Set<net.Socket>();
  /** Connections currently open to each backend port. */
  readonly active = new Map<number, number>();
  /** Connections ever made to each backend port. */
  readonly accepted = new Map<number, number>();

  private constructor(private readonly server: net.Server, readonly backends: number[]) {
    for (const port of backends) {
      this.active.set(port, 0);
      this.accepted.set(port, 0);
    }
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  static async start(port: number, backends: number[]): Promise<RoundRobinProxy> {
    const holder: { proxy?: RoundRobinProxy } = {};
    const server = net.createServer((client) => holder.proxy!.accept(client));
    holder.proxy = new RoundRobinProxy(server, backends);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return holder.proxy;
  }

  private accept(client: net.Socket, attempt = 0): void {
    this.open.add(client);
    client.once('close', () => this.open.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const port = this.backends[this.next++ % this.backends.length]!;
    const upstream = net.connect(port, '127.0.0.1');
    this.open.add(upstream);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      this.active.set(port, (this.active.get(port) ?? 0) + 1);
      this.accepted.set(port, (this.accepted.get(port) ?? 0) + 1);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.once('close', () => {
      this.open.delete(upstream);
      if (connected) {
        this.active.set(port, (this.active.get(port) ?? 1) - 1);
        client.destroy();
      }
    });
    upstream.on('error', () => {
      upstream.destroy();
      if (!connected) {
        // That backend is gone: try the next one, as a load balancer's health check would.
        if (attempt + 1 < this.backends.length && !client.destroyed) this.accept(client, attempt + 1);
        else client.destroy();
      }
    });
    client.once('close', () => upstream.destroy());
  }

  async close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
