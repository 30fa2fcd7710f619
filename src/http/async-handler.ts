import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Express 4 ignores rejected promises; route every async failure to the error handler. */
export const handle = (fn: (req: Request, res: Response, next: NextFunction) => Promise<unknown>): RequestHandler =>
  (req, res, next) => {
    fn(req, res, next).catch(next);
  };
