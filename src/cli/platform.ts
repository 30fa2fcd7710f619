/**
 * `npm run platform -- add|list|remove ...`: which LMS platforms and deployments may launch Agora.
 * Registrations live in Agora's store (the same SQLite file or MongoDB database the server uses),
 * so the server sees them without a restart.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runCli, UsageError, withLti } from './cli-runtime';

const HELP = `Usage:
  npm run platform -- add --issuer URL --client-id ID --deployment ID [--deployment ID ...]
                          (--preset moodle|canvas | --auth-url URL --token-url URL --jwks-url URL) [--name LABEL]
  npm run platform -- list
  npm run platform -- remove --issuer URL --client-id ID [--deployment ID]

  add     registers an LMS (or updates its endpoints) and allows its deployments to launch Agora.
          For a platform already registered, --deployment alone adds a deployment.
  list    shows every registered platform and its deployments.
  remove  removes one deployment, or the whole platform and its keys when no --deployment is given.

Presets:
  moodle  endpoints under the issuer (the Moodle site URL): /mod/lti/auth.php, /mod/lti/token.php, /mod/lti/certs.php
  canvas  Canvas Cloud (issuer https://canvas.instructure.com unless --issuer says otherwise)`;

const CANVAS = {
  'https://canvas.instructure.com': 'https://sso.canvaslms.com',
  'https://canvas.beta.instructure.com': 'https://sso.beta.canvaslms.com',
  'https://canvas.test.instructure.com': 'https://sso.test.canvaslms.com',
} as Record<string, string>;

const url = (name: string) => z.string({ message: `--${name} is required` }).url(`--${name} must be an absolute URL`);

const AddArgs = z.object({
  issuer: url('issuer').optional(),
  'client-id': z.string({ message: '--client-id is required' }).min(1, '--client-id must not be empty'),
  deployment: z.array(z.string().min(1, '--deployment must not be empty')).default([]),
  preset: z.enum(['moodle', 'canvas'], { message: '--preset must be moodle or canvas' }).optional(),
  'auth-url': url('auth-url').optional(),
  'token-url': url('token-url').optional(),
  'jwks-url': url('jwks-url').optional(),
  name: z.string().min(1).optional(),
});

const RemoveArgs = z.object({
  issuer: url('issuer'),
  'client-id': z.string({ message: '--client-id is required' }).min(1),
  deployment: z.array(z.string().min(1)).max(1, 'remove takes at most one --deployment').default([]),
});

function endpoints(args: z.infer<typeof AddArgs>) {
  if (args.preset === 'moodle') {
    if (!args.issuer) throw new UsageError('--preset moodle needs --issuer, the Moodle site URL (e.g. https://moodle.example.edu).');
    const site = args.issuer.replace(/\/+$/, '');
    return { issuer: site, authUrl: `${site}/mod/lti/auth.php`, tokenUrl: `${site}/mod/lti/token.php`, jwksUrl: `${site}/mod/lti/certs.php`, name: args.name ?? 'Moodle' };
  }
  if (args.preset === 'canvas') {
    const issuer = args.issuer ?? 'https://canvas.instructure.com';
    const sso = CANVAS[issuer];
    if (!sso) throw new UsageError(`--preset canvas knows the Canvas Cloud issuers (${Object.keys(CANVAS).join(', ')}); for a self-hosted Canvas give the URLs instead.`);
    return { issuer, authUrl: `${sso}/api/lti/authorize_redirect`, tokenUrl: `${sso}/login/oauth2/token`, jwksUrl: `${sso}/api/lti/security/jwks`, name: args.name ?? 'Canvas' };
  }
  if (!args.issuer) throw new UsageError('--issuer is required.');
  return { issuer: args.issuer, authUrl: args['auth-url'], tokenUrl: args['token-url'], jwksUrl: args['jwks-url'], name: args.name };
}

function parse<T extends z.ZodType>(schema: T, values: unknown): z.infer<T> {
  const result = schema.safeParse(values);
  if (!result.success) throw new UsageError(result.error.issues[0]!.message);
  return result.data;
}

async function run(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      deployment: { type: 'string', multiple: true },
      preset: { type: 'string' },
      'auth-url': { type: 'string' },
      'token-url': { type: 'string' },
      'jwks-url': { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (!['add', 'list', 'remove'].includes(command)) throw new UsageError(`Unknown command "${command}": use add, list or remove.`);

  await withLti(async (lti) => {
    if (command === 'add') {
      const args = parse(AddArgs, values);
      const target = endpoints(args);
      const registration = await lti.registry.add({ ...target, clientId: args['client-id'], deploymentIds: args.deployment });
      process.stdout.write(`Registered ${registration.name}: ${registration.issuer} (client id ${registration.clientId})\n`);
      process.stdout.write(`  deployments allowed: ${registration.deploymentIds.join(', ') || 'none yet: add one with --deployment'}\n`);
    } else if (command === 'list') {
      const platforms = await lti.registry.list();
      if (platforms.length === 0) process.stdout.write('No platform is registered. Add one with: npm run platform -- add --help\n');
      for (const p of platforms) {
        process.stdout.write(`${p.name}\n  issuer      ${p.issuer}\n  client id   ${p.clientId}\n  deployments ${p.deploymentIds.join(', ') || '(none: launches are refused)'}\n  login URL   ${p.authUrl}\n  token URL   ${p.tokenUrl}\n  keys (JWKS) ${p.jwksUrl}\n`);
      }
    } else {
      const args = parse(RemoveArgs, values);
      await lti.registry.remove(args.issuer, args['client-id'], args.deployment[0]);
      process.stdout.write(args.deployment[0]
        ? `Removed deployment ${args.deployment[0]} of ${args.issuer}.\n`
        : `Removed ${args.issuer} (client id ${args['client-id']}) and its keys.\n`);
    }
  });
}

runCli(run);
