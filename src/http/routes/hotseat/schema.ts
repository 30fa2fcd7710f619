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
type MomentField = 'opensAt' | 'startsAt' | 'endsAt';
const moment = (field: MomentField) => z.string({ message: `errors.form.${field}Required` }).trim()
  .refine((v) => v !== '' && !Number.isNaN(Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`)), { message: `errors.form.${field}Invalid` })
  .transform((v) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`));
const optionalMoment = (field: MomentField) => z.union([z.literal('').transform(() => null), moment(field)]).optional().transform((v) => v ?? null);

export const HotseatParams = z.object({ courseId: id, hotseatId: id });
export const QuestionParams = HotseatParams.extend({ questionId: id });

export const HotseatBody = z.object({
  title: z.string({ message: 'errors.form.hotseatTitle' }),
  description: z.string().default(''),
  opensAt: optionalMoment('opensAt'),
  startsAt: moment('startsAt'),
  endsAt: moment('endsAt'),
  premoderation: formBoolean.default(false),
  convertOnClose: formBoolean.default(false),
  hostIds: idList,
  publish: formBoolean.default(false),
  ...csrf,
});
export type HotseatBody = z.infer<typeof HotseatBody>;

export const ScheduleBody = z.object({
  action: z.enum(['publish', 'start', 'extend', 'close'], { message: 'errors.form.scheduleAction' }),
  minutes: z.coerce.number({ message: 'errors.form.extendMinutes' }).int().optional(),
  ...csrf,
});

export const AskBody = z.object({
  body: z.string({ message: 'errors.hotseatQuestionRequired' }),
  anonymity: z.enum(ANONYMITY_LEVELS, { message: 'errors.form.anonymity' }).default('named'),
  acceptPolicy: formBoolean.optional(),
  ...csrf,
});

export const EditQuestionBody = z.object({ body: z.string({ message: 'errors.form.questionEmpty' }), ...csrf });

export const FollowUpBody = z.object({
  body: z.string({ message: 'errors.hotseatFollowUpRequired' }),
  // Left out, an asker's follow-up takes their question's anonymity (see addFollowUp).
  anonymity: z.enum(ANONYMITY_LEVELS, { message: 'errors.form.anonymity' }).optional(),
  acceptPolicy: formBoolean.optional(),
  ...csrf,
});

export const ModerateBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('approve'), ...csrf }),
  z.object({ action: z.literal('decline'), reason: z.string({ message: 'errors.form.declineReason' }), ...csrf }),
  z.object({ action: z.literal('hide'), ...csrf }),
  z.object({ action: z.literal('show'), ...csrf }),
  z.object({ action: z.literal('dismiss'), ...csrf }),
  z.object({ action: z.literal('reopen'), ...csrf }),
  z.object({ action: z.literal('answer'), body: z.string().default(''), ...csrf }),
], { message: 'errors.form.moderateAction' });

export const MergeBody = z.object({ intoId: id.or(z.literal('')).refine((v) => v !== '', { message: 'errors.form.mergeInto' }), ...csrf });

export const AnsweringBody = z.object({ questionId: id.or(z.literal('')).optional().transform((v) => v || null), ...csrf });

export const GuestBody = z.object({
  name: z.string({ message: 'errors.form.guestName' }),
  bio: z.string().default(''),
  ...csrf,
});

export const InvitationParams = z.object({ token: z.string().min(1).max(200) });
