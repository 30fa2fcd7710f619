import { z } from 'zod';
import { ANONYMITY_LEVELS, THREAD_KINDS } from '../../../domain/discussion';

/**
 * What the discussion room accepts from the outside, for forms and JSON alike. Content rules
 * (lengths, emptiness, who may do what) live in the commands; these check shape and turn form
 * strings into typed values.
 */
const formBoolean = z.union([z.boolean(), z.enum(['true', 'false', 'on', '1', '0'])]).transform((v) => v === true || v === 'true' || v === 'on' || v === '1');
const optionalBoolean = formBoolean.optional();
const id = z.string().min(1).max(64);
/** A form sends one value as a string and several as an array. */
const idList = z.union([id, z.array(id)]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const csrf = { _csrf: z.string().optional() };

export const NewThreadBody = z.object({
  title: z.string({ message: 'errors.titleRequired' }),
  body: z.string({ message: 'errors.threadBodyRequired' }),
  kind: z.enum(THREAD_KINDS, { message: 'errors.form.threadKind' }).default('discussion'),
  anonymity: z.enum(ANONYMITY_LEVELS, { message: 'errors.form.anonymity' }).default('named'),
  tagIds: idList,
  acceptPolicy: optionalBoolean,
  ...csrf,
});

export const NewReplyBody = z.object({
  body: z.string({ message: 'errors.replyBodyRequired' }),
  parentId: id.optional().or(z.literal('').transform(() => undefined)),
  anonymity: z.enum(ANONYMITY_LEVELS, { message: 'errors.form.anonymity' }).default('named'),
  acceptPolicy: optionalBoolean,
  ...csrf,
});

export const EditPostBody = z.object({
  body: z.string({ message: 'errors.form.postEmpty' }),
  title: z.string().optional(),
  tagIds: idList,
  ...csrf,
});

export const PostParams = z.object({
  courseId: id,
  postKind: z.enum(['thread', 'reply'], { message: 'errors.form.postKind' }),
  postId: id,
});

export const ReportBody = z.object({ reason: z.string({ message: 'errors.form.reportReason' }), ...csrf });
export const HideBody = z.object({ hidden: formBoolean, ...csrf });
export const EndorseBody = z.object({ endorsed: formBoolean, ...csrf });
export const AcceptBody = z.object({ replyId: id.optional().or(z.literal('').transform(() => undefined)), ...csrf });
export const ModerateBody = z.object({ pinned: optionalBoolean, locked: optionalBoolean, ...csrf });
export const FollowBody = z.object({ following: formBoolean, ...csrf });
export const SettingsBody = z.object({
  anonymity: z.enum(ANONYMITY_LEVELS, { message: 'errors.form.roomAnonymity' }),
  postingPolicy: z.string().default(''),
  ...csrf,
});
export const TagBody = z.object({ name: z.string({ message: 'errors.tagNameRequired' }), ...csrf });
export const DismissBody = z.object({ postKind: z.enum(['thread', 'reply']), postId: id, ...csrf });
export const ReadNotificationsBody = z.object({ ids: idList, ...csrf });

export const ThreadListQuery = z.object({
  sort: z.enum(['activity', 'newest', 'top']).catch('activity'),
  filter: z.enum(['all', 'unanswered', 'unresolved', 'mine', 'following']).catch('all'),
  tag: z.string().max(64).optional().catch(undefined),
  cursor: z.string().max(300).optional().catch(undefined),
});

export const SearchQuery = z.object({ q: z.string().max(200).default('').catch('') });
export const MembersQuery = z.object({ q: z.string().max(60).default('').catch('') });
