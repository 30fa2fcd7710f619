/**
 * What goes wrong when Agora calls an LMS's LTI services (tokens, grades, roster, registration), in
 * sentences staff can act on. lti/services/http.ts throws them as ServiceError; the roster and
 * participation pages say the stored failure in the reader's language (i18n/stored-message.ts).
 * Each service has two names: inside a sentence ({service}) and starting one ({Service}).
 */
export const ltiServices = {
  'ltiServices.service.tokenEndpoint': 'the LMS token endpoint',
  'ltiServices.service.gradeService': 'the LMS grade service',
  'ltiServices.service.gradeColumn': 'the LMS grade column',
  'ltiServices.service.rosterService': 'the LMS roster service',
  'ltiServices.service.registrationEndpoint': 'the LMS registration endpoint',
  'ltiServices.service.openidConfiguration': 'the LMS OpenID configuration',
  'ltiServices.serviceAtStart.tokenEndpoint': 'The LMS token endpoint',
  'ltiServices.serviceAtStart.gradeService': 'The LMS grade service',
  'ltiServices.serviceAtStart.gradeColumn': 'The LMS grade column',
  'ltiServices.serviceAtStart.rosterService': 'The LMS roster service',
  'ltiServices.serviceAtStart.registrationEndpoint': 'The LMS registration endpoint',
  'ltiServices.serviceAtStart.openidConfiguration': 'The LMS OpenID configuration',

  // Any service
  'ltiServices.tooLarge': '{Service} at {url} sent more data than Agora accepts in one answer.',
  'ltiServices.notJson': '{Service} at {url} answered with something that is not JSON.',
  'ltiServices.unreachableTimeout': 'Agora could not reach {service} at {url} (no answer within 15 seconds).',
  'ltiServices.unreachable': 'Agora could not reach {service} at {url} (connection failed).',
  'ltiServices.credentialsRefused': '{Service} at {url} did not answer as expected (it refused Agora\'s credentials; check that the tool is allowed this service in the LMS).',
  'ltiServices.unexpectedStatus': '{Service} at {url} did not answer as expected (it answered {status}).',

  // Access tokens
  'ltiServices.platformUnregistered': '{issuer} (client id {clientId}) is no longer registered with Agora.',
  'ltiServices.noAccessToken': 'The LMS token endpoint ({url}) answered without a usable access token.',

  // Grade columns and scores
  'ltiServices.noLineItemList': 'The LMS grade service at {url} answered without a list of grade columns.',
  'ltiServices.gradeNextPageElsewhere': 'The LMS grade service links its next page to another site ({origin}); Agora does not send its access token there.',
  'ltiServices.lineItemWithoutId': 'The LMS grade service at {url} created a grade column but did not say where it is (no id).',
  'ltiServices.partlySent': { other: '{problem} {count} of {total} changed scores were sent before that; the rest follow at the next attempt.' },
  'ltiServices.scoresRefused': {
    one: 'The LMS refused the scores of {names}: {problem} {count} other changed score was sent.',
    other: 'The LMS refused the scores of {names}: {problem} {count} other changed scores were sent.',
  },
  'ltiServices.lineItemGone': 'The grade column Agora sent scores to no longer exists in the LMS; at the next attempt Agora finds or creates one and sends every score again.',
  'ltiServices.cannotCreateLineItem': 'Your LMS lets Agora look up grade columns but not create one, and the course has no Agora participation column yet. Add Agora to the course as a graded activity, or have an LMS administrator allow the tool to manage grade columns (line items).',
  'ltiServices.gradePushInternalError': 'Agora could not send the scores because of an error on its side; it will try again.',

  // Roster
  'ltiServices.rosterTooManyPages': 'The LMS roster has more than {max} pages; Agora stopped reading it.',
  'ltiServices.noMemberList': 'The LMS roster service at {url} answered without a list of members.',
  'ltiServices.unreadableMember': 'The LMS roster lists a member Agora cannot read (entry {entry} has no user_id or roles).',
  'ltiServices.rosterNextPageElsewhere': 'The LMS roster links its next page to another site ({origin}); Agora does not send its access token there.',
  /** The comment sent with each score: the learner reads it in the LMS gradebook, in their own language. */
  'ltiServices.scoreComment': 'Participation in Agora: {total} points over {weeks}, at most {cap} a week. Open Agora and choose "{page}" for the details.',
  'ltiServices.weeks': { one: '{count} week', other: '{count} weeks' },
  'ltiServices.emptyRoster': 'The LMS returned an empty roster, so Agora kept the members it knows.',
  'ltiServices.rosterInternalError': 'Agora could not update the roster because of an error on its side; it will try again later.',
} as const;

export type LtiServiceMessageKey = keyof typeof ltiServices;
