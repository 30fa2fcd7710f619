import type { Request, Response } from 'express';
import { isAppError } from '../domain/errors';
import { wantsJson } from './middleware/errors';
import { requestLocale } from './middleware/locale';

/** A refused form: the sentence that says why, what the person typed, and which form it belongs to. */
export interface RefusedForm {
  error: string;
  values: Record<string, unknown>;
  /** Which form on the page it was (a reply's parent, a question id, 'ask'), to reopen it. */
  target?: string;
}

/**
 * Runs a form's action; a refusal the person can fix (400, 429) comes back as the page with its
 * sentence and their text, not a dead-end error page. Scripts and API clients get the JSON error.
 */
export async function orReshow(
  req: Request, res: Response, work: () => Promise<void>, reshow: (form: RefusedForm) => Promise<void>, values: Record<string, unknown>, target?: string,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (wantsJson(req) || !isAppError(error) || ![400, 429].includes(error.status)) throw error;
    res.status(error.status);
    await reshow({ error: error.messageIn(requestLocale(req, res)), values, target });
  }
}
