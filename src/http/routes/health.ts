import { Router } from 'express';
import type { Storage } from '../../storage/ports';

export interface HealthProbe {
  name: string;
  check(): Promise<{ ok: boolean; detail?: string }>;
}

/** A probe that does not answer within this time counts as failed (a half-open connection must not hang /healthz). */
const PROBE_TIMEOUT_MS = 1000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * GET /healthz: 200 when the store answers, 503 otherwise; optional parts (such as the Redis
 * adapter) report "degraded" without failing the check, since each process still serves its own clients.
 */
export function healthRouter(storage: Storage, probes: HealthProbe[] = []): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const started = process.hrtime.bigint();
    let storageStatus: { ok: boolean; kind: string; latencyMs: number; detail?: string };
    try {
      await storage.ping();
      storageStatus = { ok: true, kind: storage.kind, latencyMs: Number(process.hrtime.bigint() - started) / 1e6 };
    } catch (error) {
      storageStatus = { ok: false, kind: storage.kind, latencyMs: Number(process.hrtime.bigint() - started) / 1e6, detail: (error as Error).message };
    }
    const parts: Record<string, { ok: boolean; detail?: string }> = {};
    for (const probe of probes) parts[probe.name] = await withTimeout(probe.check(), PROBE_TIMEOUT_MS).catch((error: Error) => ({ ok: false, detail: error.message }));
    const degraded = Object.values(parts).some((part) => !part.ok);
    const status = !storageStatus.ok ? 'down' : degraded ? 'degraded' : 'ok';
    res.status(storageStatus.ok ? 200 : 503).set('Cache-Control', 'no-store').json({ status, storage: storageStatus, ...parts });
  });
  return router;
}
