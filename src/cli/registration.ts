/**
 * `npm run registration -- invite [--hours N]`: creates the URL an LMS administrator pastes to
 * register Agora by LTI Dynamic Registration (Moodle: "Tool URL" under "Manage tools"; Canvas:
 * "LTI Registration" under Developer Keys). Each URL registers one LMS tool, once, within N hours.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_INVITE_HOURS } from '../lti/registration/invites';
import { runCli, UsageError, withLti } from './cli-runtime';

const HELP = `Usage:
  npm run registration -- invite [--hours N]

  invite  prints a dynamic registration URL for an LMS administrator. It works once, for N hours
          (default ${DEFAULT_INVITE_HOURS}). Afterwards allow more deployments with: npm run platform -- add ...`;

const Hours = z.coerce.number({ message: '--hours must be a number' }).positive('--hours must be more than 0').max(24 * 30, '--hours can be at most 720 (30 days)');

async function run(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { hours: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (command !== 'invite') throw new UsageError(`Unknown command "${command}": use invite.`);
  const hours = Hours.safeParse(values.hours ?? DEFAULT_INVITE_HOURS);
  if (!hours.success) throw new UsageError(hours.error.issues[0]!.message);

  await withLti(async (lti) => {
    const invite = await lti.registration.invite(hours.data);
    process.stdout.write(`Registration URL (works once, until ${invite.expiresAt.toISOString()}):\n  ${invite.url}\n`);
    process.stdout.write('Paste it into the LMS: Moodle > Site administration > Plugins > External tool > Manage tools > "Tool URL";\n');
    process.stdout.write('Canvas > Admin > Developer Keys > + Developer Key > LTI Registration.\n');
  });
}

runCli(run);
