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
    id: nonEmpty('The launch names a course without an id.'),
    title: z.string().optional(),
    label: z.string().optional(),
    type: z.array(z.string()).optional(),
  },
  {
    message:
      'Agora belongs to a course, but this launch did not say which course (it has no context claim). Add Agora to a course in your LMS and open it from there.',
  },
);

const BaseClaims = z.looseObject({
  iss: nonEmpty('The launch does not say which LMS sent it (no iss claim).'),
  sub: nonEmpty('The launch does not say who you are (its sub claim is missing or empty). Open Agora while signed in to your LMS; anonymous launches are not supported.'),
  aud: z.union([nonEmpty('The launch has an empty audience.'), z.array(z.string()).min(1)], {
    message: 'The launch does not name its audience (no aud claim).',
  }),
  azp: z.string().optional(),
  nonce: nonEmpty('The launch has no nonce.'),
  exp: z.number({ message: 'The launch has no expiry time (exp claim).' }),
  iat: z.number({ message: 'The launch has no issue time (iat claim).' }),
  [CLAIM.version]: z.literal('1.3.0', {
    message: 'This launch is not an LTI 1.3 launch (its version claim is missing or is not 1.3.0). Configure the tool in your LMS as LTI 1.3.',
  }),
  [CLAIM.messageType]: z.enum(MESSAGE_TYPES, {
    message: 'The launch does not say what it is for (its message_type is missing or unsupported). Agora accepts resource link and deep linking launches.',
  }),
  [CLAIM.deploymentId]: nonEmpty('The launch does not say which deployment of Agora it is for (no deployment_id claim).'),
  [CLAIM.roles]: z.array(z.string(), {
    message: 'The launch does not list your roles in the course (no roles claim). Ask your LMS administrator to check the tool configuration.',
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
        message: 'The launch does not say which URL it is for (no target_link_uri claim). Ask your LMS administrator to check the tool configuration.',
      });
    }
    const link = raw[CLAIM.resourceLink] as { id?: unknown } | undefined;
    if (!link || typeof link.id !== 'string' || link.id.trim() === '') {
      ctx.addIssue({
        code: 'custom',
        path: [CLAIM.resourceLink],
        message: 'The launch does not say which link in the course was opened (no resource_link id). Open Agora from its link in the course.',
      });
    }
  }
  if (type === 'LtiDeepLinkingRequest') {
    const settings = DeepLinkingSettings.safeParse(raw[CLAIM.deepLinkingSettings]);
    if (!settings.success) {
      ctx.addIssue({
        code: 'custom',
        path: [CLAIM.deepLinkingSettings],
        message: 'This deep linking request does not say where to send the chosen link (its deep_link_return_url is missing or not a web address).',
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
    message: 'The launch is not signed the way LTI 1.3 requires (RS256). Check the LMS tool configuration.',
  }),
  kid: nonEmpty('The launch token does not say which key signed it (no kid in its header), so it cannot be verified.'),
});
