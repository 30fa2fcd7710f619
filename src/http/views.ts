import path from 'node:path';
import type { Express } from 'express';
import { engine } from 'express-handlebars';

/** Handlebars with layouts and partials from views/; helpers stay trivial (logic belongs in presenters). */
export function useViews(app: Express, viewsDir: string): void {
  app.engine('hbs', engine({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(viewsDir, 'layouts'),
    partialsDir: path.join(viewsDir, 'partials'),
    helpers: {
      eq: (a: unknown, b: unknown) => a === b,
      plural: (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`,
    },
  }));
  app.set('view engine', 'hbs');
  app.set('views', viewsDir);
}
