import { z } from 'zod';
import { UNSUBSCRIBE_TOKEN_PATTERN } from '../../../auth/unsubscribe-links';
import { DIGEST_FREQUENCIES } from '../../../domain/digest';

/** What the digest pages accept. Messages are catalog keys: the route says them in the page's language. */
export const FrequencyBody = z.object({
  frequency: z.enum(DIGEST_FREQUENCIES, { message: 'errors.form.digestFrequency' }),
  _csrf: z.string().optional(),
});

export const SavedQuery = z.object({ saved: z.enum(DIGEST_FREQUENCIES).optional() }).catch({});

/** A token of the wrong shape is refused like a forged one, before any work. */
export const UnsubscribeParams = z.object({ token: z.string().regex(UNSUBSCRIBE_TOKEN_PATTERN) });
