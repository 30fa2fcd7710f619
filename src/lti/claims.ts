import { z } from 'zod';

/**
 * The LTI 1.3 id_token claims Agora relies on, checked before ltijs verifies the signature so that
 * a launch we would refuse anyway is refused with a precise reason, before anything is stored.
 * Each message is a sentence for the person who sees the error page.
 */
export const CLAIM = {
  messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
  version: 'https://purl.imsglobal.org/spec/lti/claim/version',
  deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
  targetLinkUri: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
  roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
  context: 'https://purl.imsglobal.org/spec/lti/claim/context',
  resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
  launchPresentation: 'https://purl.imsglobal.org/spec/lti/claim/launch_presentation',
  custom: 'https://purl.imsglobal.org/spec/lti/claim/custom',
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  namesRoles: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
  gradeService: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
} as const;

export const MESSAGE_TYPES = ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

const nonEmpty = (what: string) => z.string({ message: what }).trim().min(1, what);

const ContextClaim = z.object(
  {
    id: nonEmpty('errors.claims.contextId'),
    title: z.string().optional(),
    label: z.string().optional(),
    type: z.array(z.string()).optional(),
  },
  {
    message:
      'errors.claims.context',
  },
);

const BaseClaims = z.looseObject({
  iss: nonEmpty('errors.claims.iss'),
  sub: nonEmpty('errors.claims.sub'),
  aud: z.union([nonEmpty('errors.claims.audEmpty'), z.array(z.string()).min(1)], {
    message: 'errors.claims.aud',
  }),
  azp: z.string().optional(),
  nonce: nonEmpty('errors.claims.nonce'),
  exp: z.number({ message: 'errors.claims.exp' }),
  iat: z.number({ message: 'errors.claims.iat' }),
  [CLAIM.version]: z.literal('1.3.0', {
    message: 'errors.claims.version',
  }),
  [CLAIM.messageType]: z.enum(MESSAGE_TYPES, {
    message: 'errors.claims.messageType',
  }),
  [CLAIM.deploymentId]: nonEmpty('errors.claims.deploymentId'),
  [CLAIM.roles]: z.array(z.string(), {
    message: 'errors.claims.roles',
  }),
  [CLAIM.context]: ContextClaim,
});

export const LaunchClaims = BaseClaims.superRefine((claims, ctx) => {
  const type = claims[CLAIM.messageType];
  const raw = claims as Record<string, unknown>;
  if (type === 'LtiResourceLinkRequest') {
    if (typeof raw[CLAIM.targetLinkUri] !== 'string') {
      ctx.addIssue({
        code: 'custom',
        path: [CLAIM.targetLinkUri],
        message: 'errors.claims.targetLinkUri',
      });
    }
    const link = raw[CLAIM.resourceLink] as { id?: unknown } | undefined;
    if (!link || typeof link.id !== 'string' || link.id.trim() === '') {
      ctx.addIssue({
        code: 'custom',
        path: [CLAIM.resourceLink],
        message: 'errors.claims.resourceLink',
      });
    }
  }
  if (type === 'LtiDeepLinkingRequest') {
    const settings = DeepLinkingSettings.safeParse(raw[CLAIM.deepLinkingSettings]);
    if (!settings.success) {
      ctx.addIssue({
        code: 'custom',
        path: [CLAIM.deepLinkingSettings],
        message: 'errors.claims.deepLinkingSettings',
      });
    }
  }
});

const webUrl = z.string().url().refine((value) => /^https?:\/\//i.test(value));

/** What a deep linking request asks for (LTI Deep Linking 2.0, deep_linking_settings). */
export const DeepLinkingSettings = z.looseObject({
  deep_link_return_url: webUrl,
  accept_types: z.array(z.string()).catch([]),
  accept_presentation_document_targets: z.array(z.string()).catch([]),
  // Some platforms send booleans as strings.
  accept_multiple: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional().catch(undefined),
  title: z.string().optional().catch(undefined),
  text: z.string().optional().catch(undefined),
  data: z.string().optional().catch(undefined),
});
export type DeepLinkingSettings = z.infer<typeof DeepLinkingSettings>;

/**
 * Service claims. A malformed one does not refuse the launch (the person can still use Agora);
 * the service is simply treated as absent.
 */
export const NamesRolesClaim = z.looseObject({
  context_memberships_url: webUrl,
  service_versions: z.array(z.string()).optional(),
});
export const GradeServiceClaim = z.looseObject({
  scope: z.array(z.string()).catch([]),
  lineitems: webUrl.optional().catch(undefined),
  lineitem: webUrl.optional().catch(undefined),
});

export type LaunchClaims = z.infer<typeof BaseClaims>;

/** The JWT header of a launch: RS256 and a key id are required, nothing else is accepted. */
export const LaunchHeader = z.object({
  alg: z.literal('RS256', {
    message: 'errors.claims.alg',
  }),
  kid: nonEmpty('errors.claims.kid'),
});
