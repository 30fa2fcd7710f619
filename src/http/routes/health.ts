import { Router } from 'express';
import type { Storage } from '../../storage/ports';

export interface HealthProbe {
  name: string;
  check(): Promise<{ ok: boolean; detail?: string }>;
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
    for (const probe of probes) parts[probe.name] = await probe.check().catch((error: Error) => ({ ok: false, detail: error.message }));
    const degraded = Object.values(parts).some((part) => !part.ok);
    const status = !storageStatus.ok ? 'down' : degraded ? 'degraded' : 'ok';
    res.status(storageStatus.ok ? 200 : 503).set('Cache-Control', 'no-store').json({ status, storage: storageStatus, ...parts });
  });
  return router;
}
