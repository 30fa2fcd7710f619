import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startTestAgora } from '../support/agora';
import { newBrowser } from '../support/launch';
import { tempDir } from '../support/temp';

/** `npm run registration -- invite` as an administrator runs it: a real process on a real SQLite file. */
const ROOT = path.resolve(__dirname, '../..');

function registrationCli(dataDir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), path.join(ROOT, 'src/cli/registration.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://127.0.0.1:3999' },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run registration', () => {
  it('prints a one-time registration URL that the server then accepts', async () => {
    const dataDir = tempDir('registration-cli');
    const result = registrationCli(dataDir, 'invite', '--hours', '2');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const url = /(http:\/\/127\.0\.0\.1:3999\/lti\/register\/[\w-]+)/.exec(result.stdout)![1]!;

    // The same data directory, served: the invitation is known (the page then needs the LMS's parameters).
    const agora = await startTestAgora({ DATA_DIR: dataDir });
    try {
      const page = await newBrowser(agora.url).get(new URL(url).pathname);
      expect(page.status).toBe(400);
      expect(page.text).toContain('does not say where the LMS configuration is');
      const forged = await newBrowser(agora.url).get('/lti/register/not-an-invitation');
      expect(forged.status).toBe(403);
    } finally {
      await agora.close();
    }
  });

  it.each([
    [['invite', '--hours', '0'], '--hours must be more than 0'],
    [['invite', '--hours', 'soon'], '--hours must be a number'],
    [['revoke'], 'Unknown command "revoke"'],
  ])('refuses %j with a sentence and exit code 2', (args, message) => {
    const result = registrationCli(tempDir('registration-cli'), ...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
