import { z } from 'zod';

/** What the discussion room accepts from the outside. Content rules (lengths, emptiness) live in the commands. */
export const NewThreadBody = z.object({
  title: z.string({ message: 'Give your thread a title.' }),
  body: z.string({ message: 'Write something in your post before publishing it.' }),
  _csrf: z.string().optional(),
});

export const NewReplyBody = z.object({
  body: z.string({ message: 'Write your reply before sending it.' }),
  _csrf: z.string().optional(),
});

export const ThreadListQuery = z.object({
  before: z.string().max(200).optional(),
});

export const ThreadParams = z.object({
  courseId: z.string().min(1).max(64),
  threadId: z.string().min(1).max(64),
});
