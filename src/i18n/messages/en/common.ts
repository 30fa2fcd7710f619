/** Words used across every area: navigation, buttons, states. */
export const common = {
  'common.language': 'English',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.back': 'Back',
  'common.people': { one: '{count} person', other: '{count} people' },
} as const;
