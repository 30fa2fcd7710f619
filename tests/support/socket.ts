import { io, type Socket } from 'socket.io-client';

/** A real socket.io client, authenticated the way a page is: by the session cookie. */
export function connectSocket(agoraUrl: string, cookie: string, origin: string = agoraUrl): Socket {
  return io(agoraUrl, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie, origin },
  });
}

export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

export function refused(socket: Socket): Promise<{ message: string; data?: { code: string; message: string } }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('the socket was accepted')));
    socket.once('connect_error', (error) => resolve(error as never));
  });
}

export interface AckAnswer<T = Record<string, unknown>> {
  ok: boolean;
  data: T;
  error?: { code: string; message: string };
}

export function joinCourse<T = Record<string, unknown>>(socket: Socket, courseId: string, afterSeq?: number): Promise<AckAnswer<T>> {
  return socket.timeout(5000).emitWithAck('course:join', { courseId, afterSeq });
}

/** Resolves with the next event of that name (matching `where`, when given), or rejects after `ms`. */
export function nextEvent<T = Record<string, unknown>>(socket: Socket, name: string, ms = 5000, where: (payload: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const listener = (payload: T) => {
      if (!where(payload)) return;
      clearTimeout(timer);
      socket.off(name, listener);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      socket.off(name, listener);
      reject(new Error(`no matching ${name} within ${ms} ms`));
    }, ms);
    socket.on(name, listener);
  });
}

/** Collects every event of that name until the returned function is called. */
export function collect<T = Record<string, unknown>>(socket: Socket, name: string): () => T[] {
  const seen: T[] = [];
  socket.on(name, (payload: T) => seen.push(payload));
  return () => seen;
}
