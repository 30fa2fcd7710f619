import fs from 'node:fs';
import path from 'node:path';
import { catalogs } from '../../src/i18n/messages';
import type { Catalog, Message } from '../../src/i18n/messages/types';
import { LOCALES } from '../../src/i18n/locales';

/**
 * The catalogs themselves: Spanish says everything English says and nothing more, every sentence
 * keeps the same {placeholders} in both languages, plural messages have the forms each language
 * needs, and no key is defined twice (one area's file silently overriding another's).
 */
const MESSAGES_DIR = path.join(__dirname, '../../src/i18n/messages');

const placeholders = (message: Message): string[] => {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  return [...new Set(texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)))].sort();
};

/** Every area file of a language, loaded on its own: { file → its exported catalog }. */
function areaFiles(locale: string): Map<string, Catalog> {
  const files = new Map<string, Catalog>();
  for (const file of fs.readdirSync(path.join(MESSAGES_DIR, locale)).filter((name) => name.endsWith('.ts'))) {
    const exported = require(path.join(MESSAGES_DIR, locale, file)) as Record<string, unknown>;
    const catalog = Object.values(exported).find((value) => value && typeof value === 'object') as Catalog | undefined;
    if (catalog) files.set(file, catalog);
  }
  return files;
}

describe('message catalogs', () => {
  const english = catalogs.en;
  const spanish = catalogs.es;

  it('give every English key in Spanish, and no key English lacks', () => {
    const missing = Object.keys(english).filter((key) => spanish[key] === undefined);
    const extra = Object.keys(spanish).filter((key) => english[key] === undefined);
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
  });

  it('keep the same {placeholders} in both languages', () => {
    const differing = Object.keys(english)
      .filter((key) => spanish[key] !== undefined)
      .filter((key) => placeholders(english[key]!).join() !== placeholders(spanish[key]!).join())
      .map((key) => `${key}: ${placeholders(english[key]!).join()} / ${placeholders(spanish[key]!).join()}`);
    expect(differing).toEqual([]);
  });

  // Spanish may need a plural where English does not ("eliminado/eliminados"), not the other way round.
  it('keep English plurals plural in Spanish, with an "other" form, and a "one" wherever English has one', () => {
    const problems: string[] = [];
    for (const [key, message] of Object.entries(english)) {
      const translation = spanish[key];
      if (translation === undefined || typeof message === 'string') continue;
      if (typeof translation === 'string') { problems.push(`${key}: plural in English, a plain sentence in Spanish`); continue; }
      if (message.other === undefined || translation.other === undefined) problems.push(`${key}: no "other" form`);
      if (message.one !== undefined && translation.one === undefined) problems.push(`${key}: no "one" form in Spanish`);
    }
    expect(problems).toEqual([]);
  });

  it('name every key after its area, with no empty sentence', () => {
    for (const locale of LOCALES) {
      for (const [key, message] of Object.entries(catalogs[locale])) {
        expect(key).toMatch(/^[a-z][A-Za-z]*\.[\w.-]+$/);
        const texts = typeof message === 'string' ? [message] : Object.values(message);
        for (const text of texts) expect(`${key}: ${text.trim()}`).not.toMatch(/: $/);
      }
    }
  });

  it.each(LOCALES)('define each %s key in one area file only', (locale) => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [file, catalog] of areaFiles(locale)) {
      for (const key of Object.keys(catalog)) {
        if (seen.has(key)) twice.push(`${key} (${seen.get(key)} and ${file})`);
        seen.set(key, file);
      }
    }
    expect(twice).toEqual([]);
    expect(seen.size).toBe(Object.keys(catalogs[locale]).length);
  });
});
