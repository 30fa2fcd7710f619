/**
 * The one error type that crosses layers. `code` is stable (clients and tests match on it);
 * `message` is a sentence the person in front of the screen can act on.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string) => new AppError(code, 400, message);
export const unauthorized = (code: string, message: string) => new AppError(code, 401, message);
export const forbidden = (code: string, message: string) => new AppError(code, 403, message);
export const notFound = (code: string, message: string) => new AppError(code, 404, message);
export const unavailable = (code: string, message: string) => new AppError(code, 503, message);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
