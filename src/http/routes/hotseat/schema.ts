import { z } from 'zod';
import { ANONYMITY_LEVELS } from '../../../domain/discussion';

/**
 * What the hotseat accepts from forms and JSON. Content rules (lengths, order of times, who may
 * do what) live in the commands; these check shape and turn form strings into typed values.
 */
const formBoolean = z.union([z.boolean(), z.enum(['true', 'false', 'on', '1', '0'])]).transform((v) => v === true || v === 'true' || v === 'on' || v === '1');
const id = z.string().min(1).max(64);
const idList = z.union([id, z.array(id)]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const csrf = { _csrf: z.string().optional() };

/**
 * A moment from a datetime field. The page's script sends ISO times with the viewer's offset;
 * without the script, a bare "2026-11-22T15:00" is taken as UTC, as the form says.
 */
const moment = (label: string) => z.string({ message: `Choose ${label}.` }).trim()
  .refine((v) => v !== '' && !Number.isNaN(Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`)), { message: `Choose ${label} as a date and a time.` })
  .transform((v) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`));
const optionalMoment = (label: string) => z.union([z.literal('').transform(() => null), moment(label)]).optional().transform((v) => v ?? null);

export const HotseatParams = z.object({ courseId: id, hotseatId: id });
export const QuestionParams = HotseatParams.extend({ questionId: id });

export const HotseatBody = z.object({
  title: z.string({ message: 'Give the hotseat a title.' }),
  description: z.string().default(''),
  opensAt: optionalMoment('when questions open'),
  startsAt: moment('when it starts'),
  endsAt: moment('when it ends'),
  premoderation: formBoolean.default(false),
  convertOnClose: formBoolean.default(false),
  hostIds: idList,
  publish: formBoolean.default(false),
  ...csrf,
});
export type HotseatBody = z.infer<typeof HotseatBody>;

export const ScheduleBody = z.object({
  action: z.enum(['publish', 'start', 'extend', 'close'], { message: 'Choose publish, start, extend or close.' }),
  minutes: z.coerce.number({ message: 'Extend by a number of minutes.' }).int().optional(),
  ...csrf,
});

export const AskBody = z.object({
  body: z.string({ message: 'Write your question first.' }),
  anonymity: z.enum(ANONYMITY_LEVELS, { message: 'Choose how your name is shown.' }).default('named'),
  acceptPolicy: formBoolean.optional(),
  ...csrf,
});

export const EditQuestionBody = z.object({ body: z.string({ message: 'A question cannot be empty.' }), ...csrf });

export const FollowUpBody = z.object({
  body: z.string({ message: 'Write your follow-up first.' }),
  // Left out, an asker's follow-up takes their question's anonymity (see addFollowUp).
  anonymity: z.enum(ANONYMITY_LEVELS, { message: 'Choose how your name is shown.' }).optional(),
  acceptPolicy: formBoolean.optional(),
  ...csrf,
});

export const ModerateBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('approve'), ...csrf }),
  z.object({ action: z.literal('decline'), reason: z.string({ message: 'Tell the asker why, in a sentence.' }), ...csrf }),
  z.object({ action: z.literal('hide'), ...csrf }),
  z.object({ action: z.literal('show'), ...csrf }),
  z.object({ action: z.literal('dismiss'), ...csrf }),
  z.object({ action: z.literal('reopen'), ...csrf }),
  z.object({ action: z.literal('answer'), body: z.string().default(''), ...csrf }),
], { message: 'Choose what to do with the question: approve, decline, hide, show, dismiss, reopen or answer.' });

export const MergeBody = z.object({ intoId: id.or(z.literal('')).refine((v) => v !== '', { message: 'Choose the question to merge this one into.' }), ...csrf });

export const AnsweringBody = z.object({ questionId: id.or(z.literal('')).optional().transform((v) => v || null), ...csrf });

export const GuestBody = z.object({
  name: z.string({ message: 'Give the name people will see.' }),
  bio: z.string().default(''),
  ...csrf,
});

export const InvitationParams = z.object({ token: z.string().min(1).max(200) });
