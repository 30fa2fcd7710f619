import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { CommandContext } from '../commands/context';
import { NO_SESSION_MESSAGE, sessionFromCookieHeader, type SessionOptions } from '../auth/sessions';
import { startBroadcaster } from './broadcaster';
import { relayRedisRecovery } from './catch-up';
import { registerHotseatHandlers } from './hotseat-handlers';
import { Watching } from './hotseat-live';
import { registerHandlers, type SocketData } from './handlers';
import { Presence } from './presence';
import type { Templates } from '../rendering/templates';
import { localeFromAcceptLanguage, resolveLocale } from '../i18n/locales';
import { translate } from '../i18n/translate';

export interface RealtimeDeps {
  ctx: CommandContext;
  sessions: SessionOptions;
  publicUrl: string;
  logger: Logger;
  templates: Templates;
  /** A socket.io adapter (e.g. Redis Streams) when several processes serve the same courses. */
  adapter?: Parameters<Server['adapter']>[0];
  /** With the Redis adapter: subscribes to "Redis is back after an outage" (the pages then catch up). */
  onRedisRecovered?: Parameters<typeof relayRedisRecovery>[1];
}

export interface Realtime {
  io: Server;
  close(): Promise<void>;
}

/**
 * socket.io on the same HTTP server. The handshake is authenticated by the session cookie set at
 * launch and refused from foreign origins (cross-site WebSocket hijacking); joining a course's
 * room is authorised per course in the handlers.
 */
export function startRealtime(server: http.Server, deps: RealtimeDeps): Realtime {
  const io = new Server(server, {
    serveClient: true,
    // Small frames: compression costs far more CPU than it saves (see FIELD-NOTES).
    perMessageDeflate: false,
    httpCompression: false,
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  });
  const ownOrigin = new URL(deps.publicUrl).origin;

  io.use((socket: Socket, next) => {
    // Before a session is known, refusals follow the browser's language, as pages do.
    const browserLocale = localeFromAcceptLanguage(socket.handshake.headers['accept-language']);
    const origin = socket.handshake.headers.origin;
    if (origin && origin !== ownOrigin) {
      next(refusal('ORIGIN_REFUSED', translate(browserLocale, 'errors.originRefused')));
      return;
    }
    sessionFromCookieHeader(deps.sessions, socket.handshake.headers.cookie)
      .then((session) => {
        if (!session) {
          next(refusal('NO_SESSION', translate(browserLocale, NO_SESSION_MESSAGE)));
          return;
        }
        socket.data = { personId: session.personId, scope: session.scope, locale: resolveLocale(session.locale), presence: {} } satisfies SocketData;
        next();
      })
      .catch(next);
  });

  const presence = new Presence(io);
  const watching = new Watching(io);
  io.on('connection', (socket) => {
    registerHandlers(socket, deps.ctx, deps.templates, presence);
    registerHotseatHandlers(socket, deps.ctx, watching);
  });
  const stopBroadcasting = startBroadcaster(io, deps.ctx, deps.templates, deps.logger);
  const stopRelaying = deps.onRedisRecovered ? relayRedisRecovery(io, deps.onRedisRecovered) : () => undefined;

  return {
    io,
    async close() {
      stopBroadcasting();
      stopRelaying();
      // io.close() would also close the HTTP server; main owns that, so only disconnect sockets.
      // First: each disconnection schedules a presence or watching update, which stop() then clears.
      io.disconnectSockets(true);
      presence.stop();
      watching.stop();
      io.engine.close();
    },
  };
}

function refusal(code: string, message: string): Error {
  const error = new Error(message) as Error & { data: { code: string; message: string } };
  error.data = { code, message };
  return error;
}
