/** The page frame every page shares (views/layouts/main.hbs) and the error page's headings. */
export const layout = {
  'layout.skipToContent': 'Skip to content',
  'layout.notFoundTitle': 'Not found',
  'layout.errorTitle': 'Something is not right',
} as const;
