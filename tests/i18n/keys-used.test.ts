import fs from 'node:fs';
import path from 'node:path';
import { catalogs } from '../../src/i18n/messages';

/**
 * Every key the code and the templates name exists in the catalogs (translate() throws on an unknown
 * key under test, but only on the pages a test happens to render). Keys built at run time
 * (`errors.form.${field}Required`) are beyond a scan; AppError's factories take only keys of the
 * errors catalog, which the compiler checks.
 */
const ROOT = path.join(__dirname, '../..');
const KEY = /^[a-z][A-Za-z]*\.[\w.-]+$/;

function filesUnder(dir: string, extension: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, extension);
    return entry.name.endsWith(extension) ? [full] : [];
  });
}

/** [file, key] for every match of the patterns' first group that looks like a key. */
function keysIn(files: string[], patterns: RegExp[]): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) if (KEY.test(match[1]!)) found.push([path.relative(ROOT, file), match[1]!]);
    }
  }
  return found;
}

const unknown = (found: Array<[string, string]>) => found.filter(([, key]) => catalogs.en[key] === undefined).map(([file, key]) => `${file}: ${key}`);

describe('message keys in use', () => {
  it('finds every {{t}}, {{tHtml}} and (t …) key of the templates in the catalogs', () => {
    const found = keysIn(filesUnder(path.join(ROOT, 'views'), '.hbs'), [/(?:\{\{\{?|\()\s*(?:t|tHtml)\s+"([^"]+)"/g]);
    expect(found.length).toBeGreaterThan(100);
    expect(unknown(found)).toEqual([]);
  });

  it('finds every key the server code names in the catalogs', () => {
    const sources = filesUnder(path.join(ROOT, 'src'), '.ts').filter((file) => !file.includes(`${path.sep}i18n${path.sep}messages${path.sep}`));
    const found = keysIn(sources, [
      /\btranslate\(\s*[^,()]+,\s*'([^']+)'/g,
      /\bt\(\s*'([^']+)'/g,
      /\b(?:message|key|[a-z][A-Za-z]*Key)\s*:\s*'([^']+)'/g,
      /'((?:errors|people|layout|client)\.[^']+)'/g,
    ]);
    expect(found.length).toBeGreaterThan(200);
    expect(unknown(found)).toEqual([]);
  });

  it('finds every key the page scripts name in the catalogs, and hands the scripts each of them', () => {
    const found = keysIn(filesUnder(path.join(ROOT, 'src/public/js'), '.js'), [/\bt\(\s*'([^']+)'/g, /'(hotseat\.phase\w+)'/g]);
    expect(found.length).toBeGreaterThan(30);
    expect(unknown(found)).toEqual([]);
    const { clientMessagesJson } = require('../../src/i18n/client-messages') as typeof import('../../src/i18n/client-messages');
    const handed = Object.keys(JSON.parse(clientMessagesJson('es')) as object);
    expect(found.map(([, key]) => key).filter((key) => !handed.includes(key))).toEqual([]);
  });
});
