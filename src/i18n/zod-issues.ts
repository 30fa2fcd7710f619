import type { z } from 'zod';
import type { ErrorParams } from '../domain/errors';
import { isErrorKey, type ErrorKey } from './messages/en/errors';

type Issue = z.core.$ZodIssue;

/**
 * A schema problem as an error sentence: [key, params] for AppError's factories, e.g.
 *   badRequest('INVALID_INPUT', ...issueMessage(result.error.issues[0]!))
 * Schemas give their sentences as catalog keys (`z.string({ message: 'errors.titleRequired' })`,
 * custom issues with `params`); any other problem gets a general sentence by kind, naming the field
 * through `errors.field.<name>` where the catalog has it, else by its name as sent.
 */
export function issueMessage(issue: Issue): [ErrorKey, ErrorParams] {
  const limits = limitsOf(issue);
  // A schema's own sentence, given as its key in the errors catalog.
  if (isErrorKey(issue.message)) return [issue.message, { ...limits, ...paramsOf(issue) }];
  const field = fieldOf(issue.path);
  const origin = 'origin' in issue ? issue.origin : undefined;
  switch (issue.code) {
    case 'invalid_type':
      // zod says "received undefined" for a field that was not sent at all; anything else is the wrong kind of value.
      return [/received undefined$/.test(issue.message) ? 'errors.input.missing' : 'errors.input.invalid', { field }];
    case 'too_big':
      return [origin === 'string' ? 'errors.input.tooLong' : 'errors.input.tooMany', { field, ...limits }];
    case 'too_small':
      if (origin === 'string') return [Number(issue.minimum) <= 1 ? 'errors.input.missing' : 'errors.input.tooShort', { field, ...limits }];
      return ['errors.input.tooFew', { field, ...limits }];
    case 'invalid_value':
      return ['errors.input.choose', { field }];
    default:
      return ['errors.input.invalid', { field }];
  }
}

function limitsOf(issue: Issue): Record<string, number> {
  const limits: Record<string, number> = {};
  if ('maximum' in issue && typeof issue.maximum === 'number') limits.max = issue.maximum;
  if ('minimum' in issue && typeof issue.minimum === 'number') limits.min = issue.minimum;
  return limits;
}

/** A custom issue's parameters (strings, numbers, or { key } words), as the schema gave them. */
function paramsOf(issue: Issue): ErrorParams {
  const params = 'params' in issue ? issue.params : undefined;
  return params && typeof params === 'object' ? params as ErrorParams : {};
}

function fieldOf(path: readonly PropertyKey[]): ErrorParams[string] {
  const name = [...path].reverse().find((part): part is string => typeof part === 'string');
  if (name === undefined) return { key: 'errors.field.form' };
  const key = `errors.field.${name}`;
  return isErrorKey(key) ? { key } : { key: 'errors.field.raw', params: { name: path.map(String).join('.') } };
}
