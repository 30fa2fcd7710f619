import type { Request, Response } from 'express';
import { wantsJson } from '../../middleware/errors';

/**
 * One action, two audiences: a plain form gets a redirect (post/redirect/get, so reloading never
 * repeats the action) and a script or API client gets JSON.
 */
export function respond(req: Request, res: Response, answer: { redirect: string; data?: unknown; status?: number }): void {
  if (wantsJson(req)) {
    res.status(answer.status ?? 200).json({ ok: true, data: answer.data ?? null });
    return;
  }
  res.redirect(303, answer.redirect);
}
