import type { Express } from 'express';
import type { Templates } from '../rendering/templates';

/** Pages render through the shared templates; logic stays in presenters. */
export function useViews(app: Express, templates: Templates, viewsDir: string): void {
  app.engine('hbs', templates.engine);
  app.set('view engine', 'hbs');
  app.set('views', viewsDir);
  app.enable('view cache');
}
