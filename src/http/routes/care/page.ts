import type { Request, Response } from 'express';
import { isAppError } from '../../../domain/errors';
import { member } from '../../middleware/course-member';
import { wantsJson } from '../../middleware/errors';
import { requestLocale } from '../../middleware/locale';

/** What every care page passes to its template: title, course header, CSRF token. */
export function pageBase(req: Request, res: Response, title: string) {
  const { course } = member(res);
  return { title: `${title} · ${course.title}`, page: 'care', course: { id: course.id, title: course.title, label: course.label }, csrfToken: req.session!.csrfToken };
}

/**
 * A form that was refused for something the person can fix (a 400) comes back with its sentence
 * instead of a dead-end error page; everything else goes to the error handler.
 */
export async function orReshow(req: Request, res: Response, work: () => Promise<void>, reshow: (error: string) => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (wantsJson(req) || !isAppError(error) || error.status !== 400) throw error;
    res.status(400);
    await reshow(error.messageIn(requestLocale(req, res)));
  }
}
