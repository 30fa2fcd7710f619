import { z } from 'zod';

/** What the community-care pages accept from forms and JSON; content rules live in the commands. */
const id = z.string().min(1).max(64);
const csrf = { _csrf: z.string().optional() };
/** A form sends a number as text; an empty field is "not given". */
const wholeNumber = (message: string) => z.coerce.number({ message }).int({ message });

export const RouteBody = z.object({
  personIds: z.union([id, z.array(id)], { message: 'Choose at least one person to ask.' }).transform((v) => (Array.isArray(v) ? v : [v])),
  ...csrf,
});

export const ChampionBody = z.object({ personId: id, ...csrf });

export const CareSettingsBody = z.object({
  answerTargetHours: wholeNumber('Give the answer target as a whole number of hours.'),
  quietDays: wholeNumber('Give the quiet-room warning as a whole number of days.'),
  retentionDays: wholeNumber('Give the activity-log retention as a whole number of days.'),
  ...csrf,
});

export const EraseBody = z.object({ confirmation: z.string().default(''), ...csrf });
