import { z } from 'zod';
import { LEARNER_ACCESS } from '../../../domain/alumni';

/** What the alumni pages accept, for forms and JSON alike; content rules live in the commands. */
const formBoolean = z.union([z.boolean(), z.enum(['true', 'false', 'on', '1', '0'])]).transform((v) => v === true || v === 'true' || v === 'on' || v === '1');
const csrf = { _csrf: z.string().optional() };
const text = (message: string) => z.string({ message });
/** Tags arrive comma-separated from a form field, or as a list from JSON. */
const tagList = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : v.split(',')));

export const CreateCommunityBody = z.object({ name: text('errors.form.communityName'), cohortLabel: z.string().optional(), ...csrf });
export const JoinCommunityBody = z.object({
  communityId: z.string().max(64).optional().transform((v) => v || undefined),
  joinCode: z.string().max(40).optional().transform((v) => v?.trim() || undefined),
  cohortLabel: z.string().optional(),
  ...csrf,
});
export const CohortLabelBody = z.object({ cohortLabel: text('errors.form.cohortLabel'), ...csrf });

export const ProfileBody = z.object({
  visible: formBoolean.optional().transform((v) => v === true),
  displayName: text('errors.displayNameRequired'),
  bio: z.string().default(''),
  tags: tagList,
  happyToBeAsked: formBoolean.optional().transform((v) => v === true),
  ...csrf,
});
export const EmailSignInBody = z.object({ enabled: formBoolean, ...csrf });

export const AskBody = z.object({
  title: text('errors.form.askTitle'),
  body: text('errors.form.askBody'),
  tags: tagList,
  ...csrf,
});

export const SettingsBody = z.object({
  name: z.string().optional(),
  learnerAccess: z.enum(LEARNER_ACCESS, { message: 'errors.form.learnerAccess' }).optional(),
  quietDays: z.coerce.number({ message: 'errors.form.quietDays' }).int('errors.form.quietDaysWhole').optional(),
  ...csrf,
});

export const PromptBody = z.object({
  title: text('errors.form.promptTitle'),
  body: text('errors.form.promptBody'),
  target: z.enum(['space', 'course'], { message: 'errors.form.promptTarget' }).default('space'),
  courseId: z.string().max(64).optional().transform((v) => v || undefined),
  /** An ISO date-time; a form's datetime-local value is read as UTC. */
  postAt: z.string({ message: 'errors.form.promptPostAt' }).transform((v) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`)),
  repeatWeekly: formBoolean.optional().transform((v) => v === true),
  ...csrf,
});

export const MentorBody = z.object({ personId: z.string().min(1).max(64), mentor: formBoolean, ...csrf });
export const PeopleQuery = z.object({ q: z.string().max(100).default(''), tag: z.string().max(60).default('') });
export const SignInRequestBody = z.object({
  email: z.string({ message: 'errors.form.email' }).trim().max(254).email('errors.form.emailWhole'),
  ...csrf,
});
