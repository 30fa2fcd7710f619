/**
 * The control: a minimal stock socket.io server that only broadcasts. Same socket.io version and
 * settings as Agora (perMessageDeflate off), same protocol for the clients (`course:join` with an
 * ack, `course:event` broadcasts to the room), no storage, no sessions, no presenters. A post is a
 * bare HTTP POST whose title is wrapped in a copy of a real Agora event (the template the bench
 * captures from Agora first), so both servers send frames of the same size.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { serveParent } from '../lib/child';
import { ProcessMeter, settledMemory } from '../lib/meter';

interface EventTemplate {
  thread: Record<string, unknown>;
  [key: string]: unknown;
}

const FALLBACK_TEMPLATE: EventTemplate = {
  seq: 0,
  type: 'thread.created',
  space: 'discussion',
  thread: { id: '01JBENCH00000000000000000', title: '', url: '/c/course/discussion/threads/01JBENCH00000000000000000', author: { id: 'person', name: 'Bench Poster', initials: 'BP' }, replyCount: 0 },
};

async function main(): Promise<void> {
  let template = FALLBACK_TEMPLATE;
  let seq = 0;
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/post') {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { title, courseId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { title: string; courseId: string };
      seq += 1;
      io.to(`course:${courseId}`).emit('course:event', { ...template, seq, thread: { ...template.thread, title } });
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  const io = new Server(server, { serveClient: false, perMessageDeflate: false, httpCompression: false });
  io.on('connection', (socket) => {
    socket.on('course:join', (payload: { courseId?: unknown }, ack: unknown) => {
      const courseId = String(payload?.courseId ?? '');
      void socket.join(`course:${courseId}`);
      if (typeof ack === 'function') ack({ ok: true, data: { courseId, latestSeq: seq, replayed: [], resync: false, people: [] } });
    });
  });
  await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const meter = new ProcessMeter();

  serveParent({
    'set-template': (next: EventTemplate) => {
      template = next;
    },
    'metrics:start': () => meter.start(),
    'metrics:read': () => ({ ...meter.read(), connections: io.engine.clientsCount }),
    memory: () => settledMemory(),
    close: () => {
      io.close();
      setImmediate(() => process.exit(0));
    },
  }, { url: `http://127.0.0.1:${port}`, pid: process.pid });
  // Exit through process.exit on SIGTERM, so `--cpu-prof` (BENCH_CONTROL_NODE_ARGS) can write its profile.
  process.once('SIGTERM', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`control-server: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
