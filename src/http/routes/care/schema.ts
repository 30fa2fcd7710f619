import { z } from 'zod';

/** What the community-care pages accept from forms and JSON; content rules live in the commands. */
const id = z.string().min(1).max(64);
const csrf = { _csrf: z.string().optional() };
/** A form sends a number as text; an empty field is "not given". */
const wholeNumber = (message: string) => z.coerce.number({ message }).int({ message });

export const RouteBody = z.object({
  personIds: z.union([id, z.array(id)], { message: 'errors.nobodyChosen' }).transform((v) => (Array.isArray(v) ? v : [v])),
  ...csrf,
});

export const ChampionBody = z.object({ personId: id, ...csrf });

export const CareSettingsBody = z.object({
  answerTargetHours: wholeNumber('errors.form.answerTarget'),
  quietDays: wholeNumber('errors.form.quietWarning'),
  retentionDays: wholeNumber('errors.form.retention'),
  ...csrf,
});

export const EraseBody = z.object({ confirmation: z.string().default(''), ...csrf });
