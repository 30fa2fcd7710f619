import fs from 'node:fs';
import path from 'node:path';

/** The 1EdTech certification launch cases shipped in ../shared (see its README). */
export const CERTIFICATION_DIR = path.resolve(__dirname, '../../../shared/conformance/lti13-certification');

export interface CertificationCase {
  name: string;
  valid: boolean;
  payload: Record<string, unknown>;
  header: Record<string, unknown> | null;
  keep: string[];
}

function readJson<T>(file: string): T | null {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : null;
}

export function certificationCases(): CertificationCase[] {
  if (!fs.existsSync(CERTIFICATION_DIR)) {
    throw new Error(`The certification cases are missing: expected ${CERTIFICATION_DIR} (the shared/ folder beside the repository).`);
  }
  return (['valid', 'invalid'] as const).flatMap((kind) =>
    fs.readdirSync(path.join(CERTIFICATION_DIR, kind)).sort().map((name) => {
      const dir = path.join(CERTIFICATION_DIR, kind, name);
      return {
        name,
        valid: kind === 'valid',
        payload: readJson<Record<string, unknown>>(path.join(dir, 'payload.json'))!,
        header: readJson<Record<string, unknown>>(path.join(dir, 'header.json')),
        keep: readJson<string[]>(path.join(dir, 'keep.json')) ?? [],
      };
    }),
  );
}

export function certificationPrivateKey(): string {
  return fs.readFileSync(path.join(CERTIFICATION_DIR, 'private.key'), 'utf8');
}
