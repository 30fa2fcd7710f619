import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, isAppError, notFound } from '../../domain/errors';
import { isStorageUnavailableError, storageUnavailable } from '../../domain/storage-unavailable';

/**
 * The only place errors become responses. An AppError becomes its status and sentence, as a page
 * inside the iframe or as JSON; anything else is logged with the request id and shown as a
 * generic apology carrying that id, never as a stack trace.
 */
export function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json';
}

export function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
  next(notFound('NOT_FOUND', `There is no page at ${req.path}. Go back to your course home, or open Agora again from your LMS.`));
}

export function errorHandler(logger: Logger) {
  // express recognises error handlers by their four parameters.
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const requestId = String(req.id ?? '');
    const appError = toAppError(error, requestId);
    if (appError.status >= 500) logger.error({ err: error, requestId }, 'request failed');
    else logger.info({ code: appError.code, status: appError.status, requestId, path: req.path }, appError.message);
    if (res.headersSent) return;
    res.status(appError.status);
    if (wantsJson(req)) {
      res.json({ ok: false, error: { code: appError.code, message: appError.message } });
      return;
    }
    res.render('pages/error', {
      title: appError.status === 404 ? 'Not found' : 'Something is not right',
      status: appError.status,
      code: appError.code,
      message: appError.message,
      requestId: appError.status >= 500 ? requestId : null,
    });
  };
}

function toAppError(error: unknown, requestId: string): AppError {
  if (isAppError(error)) return error;
  if (isStorageUnavailableError(error)) return storageUnavailable();
  const status = typeof (error as { status?: unknown })?.status === 'number' ? (error as { status: number }).status : 500;
  const type = (error as { type?: unknown })?.type;
  if (type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', 413, 'That is too much to send at once. Shorten your post and try again.');
  if (type === 'entity.parse.failed') return new AppError('MALFORMED_BODY', 400, 'The request body could not be read (malformed JSON or form data).');
  if (status >= 400 && status < 500) return new AppError('BAD_REQUEST', status, 'The request could not be understood. Reload the page and try again.');
  return new AppError('INTERNAL', 500, `Something went wrong on our side. Try again; if it keeps happening, give your administrator this reference: ${requestId}.`);
}
