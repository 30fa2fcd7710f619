import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * The environment, parsed once. No other file reads process.env: everything downstream gets
 * this frozen object, which makes every setting visible in one place and easy to fake in tests.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalUrl = (protocols: string[], expects: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .refine((value) => value === undefined || isUrlWithProtocol(value, protocols), { message: expects });

function isUrlWithProtocol(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const EnvSchema = z.object({
  PORT: z.coerce.number({ message: 'an integer port between 1 and 65535' }).int().min(1).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  PUBLIC_URL: optionalUrl(['http:', 'https:'], 'an absolute http(s) URL such as https://agora.example.edu'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  MONGODB_URI: optionalUrl(['mongodb:', 'mongodb+srv:'], 'a MongoDB connection string such as mongodb://localhost:27017/agora?replicaSet=rs0'),
  REDIS_URL: optionalUrl(['redis:', 'rediss:'], 'a Redis URL such as redis://localhost:6379'),
  AGORA_SECRET: z.string().min(32, 'at least 32 characters of random text').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .transform((value): boolean | number | string => {
      if (value === 'true') return true;
      if (value === 'false' || value === '') return false;
      return /^\d+$/.test(value) ? Number(value) : value;
    }),
  SESSION_TTL_HOURS: z.coerce.number({ message: 'a number of hours' }).positive('a positive number of hours').max(24 * 30).default(12),
  SMTP_URL: optionalUrl(['smtp:', 'smtps:'], 'an SMTP URL such as smtps://user:password@smtp.example.edu:465 or smtp://localhost:25'),
  SMTP_FROM: z.string().trim().optional().transform((value) => (value === '' ? undefined : value))
    .refine((value) => value === undefined || /^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/.test(value), { message: 'an address such as "Agora <agora@example.edu>"' }),
});

export interface Config {
  port: number;
  host: string;
  /** The URL browsers and the LMS use to reach Agora, without a trailing slash. */
  publicUrl: string;
  dataDir: string;
  mongodbUri: string | null;
  redisUrl: string | null;
  /** Signs cookies and encrypts LTI keys at rest. */
  secret: string;
  logLevel: (typeof LOG_LEVELS)[number];
  trustProxy: boolean | number | string;
  sessionTtlMs: number;
  /** Cookies are Secure + SameSite=None only when served over https (browsers refuse None without Secure). */
  secureCookies: boolean;
  /** Where email goes: an SMTP server, or null for the local outbox (DATA_DIR/outbox, one .eml file per message). */
  smtpUrl: string | null;
  /** The From of Agora's email. */
  smtpFrom: string;
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError with one line naming the variable and what it expects. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { generateSecret?: boolean } = {}): Readonly<Config> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const got = env[name] === undefined ? 'nothing' : JSON.stringify(env[name]);
    throw new ConfigError(`${name} must be ${issue.message} (got ${got}).`);
  }
  const vars = parsed.data;
  const dataDir = path.resolve(vars.DATA_DIR);
  const publicUrl = (vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`).replace(/\/+$/, '');
  const secret = vars.AGORA_SECRET ?? (options.generateSecret === false ? missingSecret() : readOrCreateSecret(dataDir));
  return Object.freeze({
    port: vars.PORT,
    host: vars.HOST,
    publicUrl,
    dataDir,
    mongodbUri: vars.MONGODB_URI ?? null,
    redisUrl: vars.REDIS_URL ?? null,
    secret,
    logLevel: vars.LOG_LEVEL,
    trustProxy: vars.TRUST_PROXY,
    sessionTtlMs: vars.SESSION_TTL_HOURS * 3600 * 1000,
    secureCookies: publicUrl.startsWith('https://'),
    smtpUrl: vars.SMTP_URL ?? null,
    smtpFrom: vars.SMTP_FROM ?? `Agora <agora@${new URL(publicUrl).hostname}>`,
  });
}

function missingSecret(): never {
  throw new ConfigError('AGORA_SECRET must be set to at least 32 characters of random text (got nothing).');
}

/**
 * First start on a fresh machine: generate the secret and keep it beside the database, readable
 * only by us, so restarts keep cookies and stored keys valid. Never committed (data/ is ignored).
 */
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret');
  if (fs.existsSync(file)) {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
    throw new ConfigError(`${file} must hold at least 32 characters; delete it to generate a new one (existing LTI keys will need re-registering).`);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
