import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { badRequest } from '../../domain/errors';
import { issueMessage } from '../../i18n/zod-issues';

/**
 * Validates one part of the request against a zod schema and replaces it with the parsed value.
 * The first problem becomes a 400 whose message names the field and what it needs, in the
 * request's language (see i18n/zod-issues.ts).
 */
export function validate(part: 'body' | 'query' | 'params', schema: z.ZodType) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const result = schema.safeParse(req[part]);
    if (!result.success) {
      next(badRequest('INVALID_INPUT', ...issueMessage(result.error.issues[0]!)));
      return;
    }
    // Express 4 lets us replace the part with its parsed, typed value.
    (req as unknown as Record<string, unknown>)[part] = result.data;
    next();
  };
}
