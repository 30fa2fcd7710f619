import path from 'node:path';
import { create } from 'express-handlebars';
import { i18nHelpers } from '../i18n/handlebars-helpers';

/**
 * One Handlebars setup for everything Agora renders: pages (through express) and the fragments
 * live updates carry (rendered from the same partials, so a post looks the same whether it came
 * with the page or arrived over the socket). Templates are compiled once and cached.
 */
export interface Templates {
  engine: ReturnType<typeof create>['engine'];
  renderPartial(name: string, context: Record<string, unknown>): Promise<string>;
}

export function createTemplates(viewsDir: string): Templates {
  const hbs = create({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(viewsDir, 'layouts'),
    partialsDir: path.join(viewsDir, 'partials'),
    helpers: {
      ...i18nHelpers,
      eq: (a: unknown, b: unknown) => a === b,
      concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
      not: (a: unknown) => !a,
      or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
      and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
      plural: (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`,
    },
  });
  // Live fragments are rendered for every event and audience: look the compiled partial and the partials up
  // once, then call Handlebars directly (hbs.render re-resolves paths and rebuilds the partials on every call).
  const compiled = new Map<string, Promise<(context: Record<string, unknown>) => string>>();
  const compile = (name: string) => {
    const loading = Promise.all([hbs.getTemplate(path.join(viewsDir, 'partials', `${name}.hbs`), { cache: true }), hbs.getPartials({ cache: true })])
      .then(([template, partials]) => {
        const options = { ...hbs.runtimeOptions, helpers: hbs.helpers, partials: partials as Record<string, HandlebarsTemplateDelegate> };
        return (context: Record<string, unknown>) => (template as HandlebarsTemplateDelegate)(context, options).trim();
      });
    loading.catch(() => compiled.delete(name));
    compiled.set(name, loading);
    return loading;
  };
  return {
    engine: hbs.engine,
    renderPartial: async (name, context) => (await (compiled.get(name) ?? compile(name)))(context),
  };
}
