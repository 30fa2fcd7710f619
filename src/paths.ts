import path from 'node:path';

/** The project root, whether running from src/ (tsx, tests) or dist/ (built): both sit one level down. */
export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const VIEWS_DIR = path.join(PROJECT_ROOT, 'views');
export const PUBLIC_DIR = path.join(PROJECT_ROOT, 'src', 'public');
