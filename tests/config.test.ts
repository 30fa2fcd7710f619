import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';
import { tempDir } from './support/temp';

describe('configuration', () => {
  it('starts with no variables at all: SQLite under ./data, port 3000, a generated secret kept on disk', () => {
    const dataDir = tempDir('config');
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({ port: 3000, publicUrl: 'http://localhost:3000', mongodbUri: null, redisUrl: null, secureCookies: false });
    expect(config.secret.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dataDir, 'secret');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dataDir }).secret).toBe(config.secret);
  });

  it('uses secure cross-site cookies when the public URL is https', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://agora.example.edu/', AGORA_SECRET: 'x'.repeat(32) });
    expect(config.publicUrl).toBe('https://agora.example.edu');
    expect(config.secureCookies).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT must be an integer port between 1 and 65535 \(got "eighty"\)\.$/],
    [{ PORT: '70000' }, /^PORT must be/],
    [{ PUBLIC_URL: 'agora.example.edu' }, /^PUBLIC_URL must be an absolute http\(s\) URL/],
    [{ MONGODB_URI: 'postgres://db' }, /^MONGODB_URI must be a MongoDB connection string/],
    [{ REDIS_URL: 'localhost:6379' }, /^REDIS_URL must be a Redis URL/],
    [{ AGORA_SECRET: 'short' }, /^AGORA_SECRET must be at least 32 characters/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    [{ SESSION_TTL_HOURS: '-1' }, /^SESSION_TTL_HOURS must be a positive number of hours/],
  ])('refuses %j with one line naming the variable', (env, message) => {
    const attempt = () => loadConfig({ DATA_DIR: tempDir('config'), ...env });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
  });
});
