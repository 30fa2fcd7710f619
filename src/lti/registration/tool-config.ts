import { NRPS_SCOPE } from '../services/names-roles';
import { PLATFORM_CONFIG, type PlatformConfiguration } from './platform-config';

/**
 * What Agora asks the LMS to register (LTI Dynamic Registration 1.0, section 3.5.2): the same URLs,
 * scopes, placements and custom parameters as the hand-made configurations in lti-config/.
 */
export const AGS_SCOPES = [
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  'https://purl.imsglobal.org/spec/lti-ags/scope/score',
];
export const TOOL_SCOPES = [...AGS_SCOPES, NRPS_SCOPE];

/** Custom parameters Agora reads; `$Canvas.*` variables exist only in Canvas. */
export const CUSTOM_PARAMETERS = {
  section_end_at: '$CourseSection.timeFrame.end',
  context_id_history: '$Context.id.history',
  section_sourced_ids: '$CourseSection.sourcedId',
};
export const CANVAS_CUSTOM_PARAMETERS = { course_end_at: '$Canvas.course.endAt', ...CUSTOM_PARAMETERS };

export const TOOL_CONFIG = 'https://purl.imsglobal.org/spec/lti-tool-configuration';

export function toolRegistrationRequest(publicUrl: string, platform: PlatformConfiguration): Record<string, unknown> {
  const isCanvas = platform[PLATFORM_CONFIG]?.product_family_code === 'canvas';
  const launchUrl = `${publicUrl}/lti/launch`;
  const deepLinkUrl = `${publicUrl}/lti/deep-link`;
  const supported = platform.scopes_supported;
  const scopes = supported ? TOOL_SCOPES.filter((scope) => supported.includes(scope)) : TOOL_SCOPES;
  const deepLinkingSupported = platform[PLATFORM_CONFIG]?.messages_supported?.some((m) => m.type === 'LtiDeepLinkingRequest') ?? true;
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: `${publicUrl}/lti/login`,
    redirect_uris: [launchUrl, deepLinkUrl],
    client_name: 'Agora',
    jwks_uri: `${publicUrl}/lti/keys`,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: scopes.join(' '),
    [TOOL_CONFIG]: {
      domain: new URL(publicUrl).host,
      description: 'Discussion room, hotseat and alumni space for the course.',
      target_link_uri: launchUrl,
      custom_parameters: isCanvas ? CANVAS_CUSTOM_PARAMETERS : CUSTOM_PARAMETERS,
      claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'],
      messages: [
        { type: 'LtiResourceLinkRequest', target_link_uri: launchUrl, label: 'Agora', ...(isCanvas ? { placements: ['course_navigation'] } : {}) },
        ...(deepLinkingSupported
          ? [{ type: 'LtiDeepLinkingRequest', target_link_uri: deepLinkUrl, label: 'Agora', ...(isCanvas ? { placements: ['link_selection', 'assignment_selection'] } : {}) }]
          : []),
      ],
      ...(isCanvas ? { 'https://canvas.instructure.com/lti/privacy_level': 'public' } : {}),
    },
  };
}
