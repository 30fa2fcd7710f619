/**
 * A socket.io client reduced to what the bench needs, speaking the wire protocol directly over a
 * raw `ws` WebSocket (engine.io v4, websocket transport only): answer pings, connect to the main
 * namespace, emit with an ack, and hand one broadcast's frames (`course:event` and its batches
 * `course:events` unless told) over as raw Buffers, so the load generator never has to JSON-parse a broadcast.
 *
 *   server → "0{...}" open        client → "40"          connect to "/"
 *   server → "40{...}" connected  server → "44{...}"     connect error (middleware refusal)
 *   server → "2" ping             client → "3"           pong
 *   client → "42<id>[event,data]" server → "43<id>[...]" ack
 *   server → "42[event,data]"     a broadcast
 */
import WebSocket from 'ws';

const CH_0 = 0x30;
const CH_2 = 0x32;
const CH_3 = 0x33;
const CH_4 = 0x34;
const CH_OPEN_BRACKET = 0x5b;

export interface RawClientOptions {
  /** The server's http(s) URL; the socket.io path is added. */
  url: string;
  cookie?: string;
  origin?: string;
  /** The broadcast handed to onEvent (default `course:event`); other broadcasts are dropped unread. */
  event?: string;
  /** Called with each raw frame of that event (and of `course:events`, a batch of them, for `course:event`). */
  onEvent?: (frame: Buffer) => void;
  onClose?: () => void;
}

export class RawSocketIoClient {
  private readonly ws: WebSocket;
  private nextAck = 0;
  private readonly acks = new Map<number, (payload: string) => void>();
  private readonly connection: Promise<void>;
  closed = false;

  constructor(private readonly options: RawClientOptions) {
    const prefixOf = (event: string) => Buffer.from(`42${JSON.stringify([event]).slice(0, -1)},`);
    const eventPrefix = prefixOf(options.event ?? 'course:event');
    // Agora sends the course events of one moment under load as one `course:events` frame.
    const batchPrefix = options.event === undefined ? prefixOf('course:events') : null;
    const wsUrl = `${options.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    this.ws = new WebSocket(wsUrl, {
      perMessageDeflate: false,
      headers: options.cookie ? { cookie: options.cookie } : {},
      ...(options.origin ? { origin: options.origin } : {}),
    });
    this.connection = new Promise<void>((resolve, reject) => {
      this.ws.on('message', (data: Buffer) => {
        const first = data[0];
        if (first === CH_4) {
          const kind = data[1];
          if (kind === CH_2) {
            if (startsWith(data, eventPrefix) || (batchPrefix && startsWith(data, batchPrefix))) this.options.onEvent?.(data);
          } else if (kind === CH_3) {
            const bracket = data.indexOf(CH_OPEN_BRACKET, 2);
            const id = Number(data.toString('latin1', 2, bracket));
            const callback = this.acks.get(id);
            if (callback) {
              this.acks.delete(id);
              callback(data.toString('utf8', bracket));
            }
          } else if (kind === CH_0) {
            resolve();
          } else if (kind === CH_4) {
            reject(new Error(`connect refused: ${data.toString('utf8', 2)}`));
          }
        } else if (first === CH_2) {
          this.ws.send('3');
        } else if (first === CH_0) {
          this.ws.send('40');
        }
      });
      this.ws.once('error', reject);
      this.ws.once('close', () => {
        this.closed = true;
        reject(new Error('closed before connecting'));
        this.options.onClose?.();
      });
    });
    this.connection.catch(() => undefined);
  }

  connected(timeoutMs = 10_000): Promise<void> {
    return withTimeout(this.connection, timeoutMs, 'socket.io connect');
  }

  /** Emits `event` with an ack; resolves with the ack's raw JSON array text. */
  emitWithAck(event: string, payload: unknown, timeoutMs = 10_000): Promise<string> {
    const id = this.nextAck++;
    const answer = new Promise<string>((resolve) => this.acks.set(id, resolve));
    this.ws.send(`42${id}${JSON.stringify([event, payload])}`);
    return withTimeout(answer, timeoutMs, `${event} ack`).finally(() => this.acks.delete(id));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.terminate();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function startsWith(data: Buffer, prefix: Buffer): boolean {
  return data.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}

const BATCH_PREFIX = Buffer.from('42["course:events",');

/** Whether a raw frame is a batch of course events (`course:events`) rather than one. */
export function isBatchFrame(frame: Buffer): boolean {
  return startsWith(frame, BATCH_PREFIX);
}

const SEQ_KEY = Buffer.from('"seq":');

/** Reads the integer after `"seq":` in a raw frame without parsing the JSON; -1 when absent. */
export function seqOf(frame: Buffer): number {
  const at = frame.indexOf(SEQ_KEY);
  return at < 0 ? -1 : integerAt(frame, at + SEQ_KEY.length);
}

/** Reads the integer after `marker` in a raw frame; -1 when absent. */
export function integerAfter(frame: Buffer, marker: Buffer): number {
  const at = frame.indexOf(marker);
  return at < 0 ? -1 : integerAt(frame, at + marker.length);
}

/**
 * Every distinct integer after `marker` in a raw frame, in order (a batch frame carries several events,
 * each naming its own number one or more times in a row), without parsing the JSON.
 */
export function integersAfter(frame: Buffer, marker: Buffer): number[] {
  const found: number[] = [];
  for (let at = frame.indexOf(marker); at >= 0; at = frame.indexOf(marker, at + marker.length)) {
    const value = integerAt(frame, at + marker.length);
    if (value >= 0 && value !== found[found.length - 1]) found.push(value);
  }
  return found;
}

function integerAt(frame: Buffer, start: number): number {
  let value = 0;
  let i = start;
  for (; i < frame.length; i += 1) {
    const c = frame[i]!;
    if (c < 0x30 || c > 0x39) break;
    value = value * 10 + (c - 0x30);
  }
  return i === start ? -1 : value;
}
