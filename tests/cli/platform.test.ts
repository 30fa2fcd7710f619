import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { tempDir } from '../support/temp';

/** The CLI as an administrator runs it: a real process against a real SQLite file. */
const ROOT = path.resolve(__dirname, '../..');

function platformCli(dataDir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), path.join(ROOT, 'src/cli/platform.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run platform', () => {
  const dataDir = tempDir('cli');

  it('registers a Moodle site from its preset, then adds a deployment to it', () => {
    const added = platformCli(dataDir, 'add', '--preset', 'moodle', '--issuer', 'https://moodle.example.edu/', '--client-id', 'abc', '--deployment', '7');
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toContain('Registered Moodle: https://moodle.example.edu (client id abc)');

    const more = platformCli(dataDir, 'add', '--issuer', 'https://moodle.example.edu', '--client-id', 'abc', '--deployment', '8');
    expect(more.status).toBe(0);
    expect(more.stdout).toContain('deployments allowed: 7, 8');

    const listed = platformCli(dataDir, 'list');
    expect(listed.stdout).toContain('https://moodle.example.edu/mod/lti/auth.php');
    expect(listed.stdout).toContain('https://moodle.example.edu/mod/lti/certs.php');
    expect(listed.stdout).toMatch(/deployments 7, 8/);
  });

  it('registers Canvas Cloud with its shared issuer and SSO endpoints', () => {
    const added = platformCli(dataDir, 'add', '--preset', 'canvas', '--client-id', '10000000000001', '--deployment', '1:abc');
    expect(added.status).toBe(0);
    const listed = platformCli(dataDir, 'list');
    expect(listed.stdout).toContain('https://canvas.instructure.com');
    expect(listed.stdout).toContain('https://sso.canvaslms.com/api/lti/security/jwks');
  });

  it('removes a deployment, then the whole platform', () => {
    expect(platformCli(dataDir, 'remove', '--issuer', 'https://moodle.example.edu', '--client-id', 'abc', '--deployment', '8').stdout).toContain('Removed deployment 8');
    expect(platformCli(dataDir, 'remove', '--issuer', 'https://moodle.example.edu', '--client-id', 'abc').stdout).toContain('and its keys');
    expect(platformCli(dataDir, 'list').stdout).not.toContain('moodle.example.edu');
  });

  it.each([
    [['add', '--client-id', 'x'], '--issuer is required.'],
    [['add', '--issuer', 'not-a-url', '--client-id', 'x'], '--issuer must be an absolute URL'],
    [['add', '--issuer', 'https://new.example', '--client-id', 'x', '--deployment', '1'], 'is not registered yet: give --auth-url, --token-url and --jwks-url, or a --preset.'],
    [['remove', '--issuer', 'https://nobody.example', '--client-id', 'x'], 'https://nobody.example (client id x) is not registered.'],
    [['frobnicate'], 'Unknown command "frobnicate"'],
  ])('refuses %j with a sentence and exit code 2', (args, message) => {
    const result = platformCli(dataDir, ...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('prints usage with --help', () => {
    const result = platformCli(dataDir, '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('npm run platform -- add');
  });
});
