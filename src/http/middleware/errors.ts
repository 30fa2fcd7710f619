import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, isAppError, notFound } from '../../domain/errors';
import { isStorageUnavailableError, storageUnavailable } from '../../domain/storage-unavailable';
import { translate } from '../../i18n/translate';
import { requestLocale } from './locale';

/**
 * The only place errors become responses. An AppError becomes its status and sentence, as a page
 * inside the iframe or as JSON; anything else is logged with the request id and shown as a
 * generic apology carrying that id, never as a stack trace.
 */
export function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json';
}

export function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
  next(notFound('NOT_FOUND', 'errors.noPage', { path: req.path }));
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
    // The sentence in the request's language; `code` stays the same in every language.
    const locale = requestLocale(req, res);
    const message = appError.messageIn(locale);
    if (wantsJson(req)) {
      res.json({ ok: false, error: { code: appError.code, message } });
      return;
    }
    res.render('pages/error', {
      locale, // also for errors raised before chooseLocale ran (the LTI routes)
      title: translate(locale, appError.status === 404 ? 'layout.notFoundTitle' : 'layout.errorTitle'),
      status: appError.status,
      code: appError.code,
      message,
      requestId: appError.status >= 500 ? requestId : null,
    });
  };
}

function toAppError(error: unknown, requestId: string): AppError {
  if (isAppError(error)) return error;
  if (isStorageUnavailableError(error)) return storageUnavailable();
  const status = typeof (error as { status?: unknown })?.status === 'number' ? (error as { status: number }).status : 500;
  const type = (error as { type?: unknown })?.type;
  if (type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', 413, 'errors.payloadTooLarge');
  if (type === 'entity.parse.failed') return new AppError('MALFORMED_BODY', 400, 'errors.malformedBody');
  if (status >= 400 && status < 500) return new AppError('BAD_REQUEST', status, 'errors.badRequest');
  return new AppError('INTERNAL', 500, 'errors.internal', { requestId });
}
