import type { Server } from 'socket.io';
import type { RedisOutage } from './redis-adapter';

/** Server → client: "ask again for what you may have missed in the last `outageMs`". */
export const CATCH_UP_EVENT = 'course:catch-up';
export interface CatchUpHint {
  outageMs: number;
}

/** Between processes (server-side emit through the adapter): "I was cut off from Redis for this long". */
const PEER_RECOVERED_EVENT = 'agora:redis-recovered';
/** Added to the measured outage: processes notice a lost connection at slightly different moments. */
const MARGIN_MS = 2000;
/** Hints that arrive close together (this process's own and its peers') become one. */
const GATHER_MS = 1000;
/** A peer's figure beyond this is not believed (the pages would only ask for more than they can get). */
const LONGEST_OUTAGE_MS = 24 * 60 * 60 * 1000;

/**
 * While Redis is down, each process broadcasts only to its own sockets: what process A published
 * never reaches the pages connected to B, and nothing is left in the stream to read later. When
 * Redis is back, every page is told how long the outage lasted and re-joins its course with an
 * older `afterSeq` (the store replays what it missed; a hotseat page fetches itself again).
 *
 * Each process tells its own sockets only (`io.local`: the adapter does not publish local
 * broadcasts), and also tells the other processes when it recovered itself: they may have come
 * back earlier (reconnection back-off), in which case their pages have already caught up and
 * would miss what this process published in between, or never lost Redis at all.
 */
export function relayRedisRecovery(io: Server, onRecovered: (listener: (outage: RedisOutage) => void) => void): () => void {
  let longest = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const tellOwnSockets = (outageMs: number) => {
    longest = Math.max(longest, outageMs);
    if (timer || stopped) return;
    timer = setTimeout(() => {
      const hint: CatchUpHint = { outageMs: Math.ceil(longest + GATHER_MS + MARGIN_MS) };
      longest = 0;
      timer = null;
      io.local.emit(CATCH_UP_EVENT, hint);
    }, GATHER_MS);
    timer.unref();
  };

  onRecovered(({ outageMs }) => {
    tellOwnSockets(outageMs);
    io.serverSideEmit(PEER_RECOVERED_EVENT, { outageMs });
  });
  io.on(PEER_RECOVERED_EVENT, (payload: unknown) => {
    const outageMs = (payload as Partial<RedisOutage> | null)?.outageMs;
    if (typeof outageMs === 'number' && Number.isFinite(outageMs) && outageMs >= 0) tellOwnSockets(Math.min(outageMs, LONGEST_OUTAGE_MS));
  });

  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
