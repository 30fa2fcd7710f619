import type { Request, Response } from 'express';
import { isAppError } from '../../../domain/errors';
import { wantsJson } from '../../middleware/errors';
import { requestLocale } from '../../middleware/locale';

/**
 * A refused form comes back as its page with the sentence saying why (and the person's input),
 * not as a dead-end error page; scripts and API clients get the JSON error as usual.
 */
export async function orReshow(req: Request, res: Response, work: () => Promise<void>, reshow: (error: string) => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (wantsJson(req) || !isAppError(error) || error.status >= 500 || error.status === 401) throw error;
    res.status(error.status);
    await reshow(error.messageIn(requestLocale(req, res)));
  }
}
