import { once } from 'node:events';
import { Router, type Response } from 'express';
import { startCourseExport, type CourseExport } from '../../../commands/care/export/course-export';
import { csvRow } from '../../../commands/care/export/csv';
import type { CommandContext } from '../../../commands/context';
import { authorize } from '../../../commands/authorize';
import { CSV_COLUMNS, csvCells, presentExportedThread } from '../../../presenters/export';
import { HOTSEAT_CSV_COLUMNS, hotseatCsvRows, presentExportedHotseat } from '../../../presenters/export-hotseats';
import { handle } from '../../async-handler';
import { member } from '../../middleware/course-member';
import { pageBase } from './page';
import { translator } from '../../../i18n/translate';
import { requestLocale } from '../../middleware/locale';

/**
 * Staff export the course's discussions and hotseats as JSON (one file, both) or CSV (one file
 * each), streamed thread by thread and hotseat by hotseat (respecting back-pressure), so a large
 * course never sits in memory. Anonymity is decided by the presenters.
 */
export function exportRoutes(ctx: CommandContext): Router {
  const router = Router();

  router.get('/c/:courseId/care/export', handle(async (req, res) => {
    const { actor, course } = member(res);
    authorize(actor, 'course.export', { courseId: course.id });
    res.render('pages/export', { ...pageBase(req, res, translator(requestLocale(req, res))('care.exportHeading')) });
  }));

  router.get('/c/:courseId/care/export/discussion.json', handle(async (_req, res) => {
    const { actor, course } = member(res);
    const exported = startCourseExport(ctx, actor, course);
    download(res, exported, 'json', 'application/json; charset=utf-8');
    await streaming(res, async (write) => {
      await write(`{"course":${JSON.stringify({ id: course.id, title: course.title, label: course.label })},`
        + `"exportedAt":${JSON.stringify(exported.exportedAt.toISOString())},"sources":${JSON.stringify(exported.sources)},`
        + '"anonymity":"Authors are shown as course staff see them; posts anonymous to everyone stay anonymous.","discussion":[');
      let first = true;
      for await (const source of exported.discussion) {
        await write(`${first ? '' : ','}${JSON.stringify(presentExportedThread(source, course.id))}`);
        first = false;
      }
      await write('],"hotseats":[');
      first = true;
      for await (const source of exported.hotseats) {
        await write(`${first ? '' : ','}${JSON.stringify(presentExportedHotseat(source, course.id))}`);
        first = false;
      }
      await write(']}');
    });
  }));

  router.get('/c/:courseId/care/export/discussion.csv', handle(async (_req, res) => {
    const { actor, course } = member(res);
    const exported = startCourseExport(ctx, actor, course);
    download(res, exported, 'csv', 'text/csv; charset=utf-8');
    await streaming(res, async (write) => {
      // The byte-order mark tells spreadsheets the file is UTF-8.
      await write(`\uFEFF${csvRow(CSV_COLUMNS)}`);
      for await (const source of exported.discussion) {
        const thread = presentExportedThread(source, course.id);
        let rows = csvRow(csvCells(thread));
        for (const reply of thread.replies) rows += csvRow(csvCells(reply));
        await write(rows);
      }
    });
  }));

  router.get('/c/:courseId/care/export/hotseats.csv', handle(async (_req, res) => {
    const { actor, course } = member(res);
    const exported = startCourseExport(ctx, actor, course);
    download(res, exported, 'csv', 'text/csv; charset=utf-8', 'hotseats');
    await streaming(res, async (write) => {
      await write(`\uFEFF${csvRow(HOTSEAT_CSV_COLUMNS)}`);
      for await (const source of exported.hotseats) {
        await write(hotseatCsvRows(presentExportedHotseat(source, course.id)).map(csvRow).join(''));
      }
    });
  }));

  return router;
}

function download(res: Response, exported: CourseExport, extension: string, type: string, what = 'discussion'): void {
  const slug = exported.course.title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'course';
  const day = exported.exportedAt.toISOString().slice(0, 10);
  res.set('Content-Type', type);
  res.set('Content-Disposition', `attachment; filename="agora-${slug}-${what}-${day}.${extension}"`);
}

/** Writes chunks, waiting when the client reads slowly; a failure half-way aborts the download instead of ending it cleanly. */
async function streaming(res: Response, work: (write: (chunk: string) => Promise<void>) => Promise<void>): Promise<void> {
  const write = async (chunk: string) => {
    if (!res.write(chunk)) await once(res, 'drain');
  };
  try {
    await work(write);
    res.end();
  } catch (error) {
    if (!res.headersSent) throw error;
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}
