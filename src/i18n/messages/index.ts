import type { Locale } from '../locales';
import type { Catalog } from './types';
import { common as commonEn } from './en/common';
import { common as commonEs } from './es/common';
import { layout as layoutEn } from './en/layout';
import { layout as layoutEs } from './es/layout';
import { errors as errorsEn } from './en/errors';
import { errors as errorsEs } from './es/errors';
import { client as clientEn } from './en/client';
import { client as clientEs } from './es/client';
import { people as peopleEn } from './en/people';
import { people as peopleEs } from './es/people';
import { careWiring as careWiringEn } from './en/care-wiring';
import { careWiring as careWiringEs } from './es/care-wiring';
import { hotseat as hotseatEn } from './en/hotseat';
import { hotseat as hotseatEs } from './es/hotseat';
import { alumni as alumniEn } from './en/alumni';
import { alumni as alumniEs } from './es/alumni';
import { care as careEn } from './en/care';
import { care as careEs } from './es/care';
import { digest as digestEn } from './en/digest';
import { digest as digestEs } from './es/digest';
import { course as courseEn } from './en/course';
import { course as courseEs } from './es/course';
import { discussion as discussionEn } from './en/discussion';
import { discussion as discussionEs } from './es/discussion';
import { discussionStaff as discussionStaffEn } from './en/discussion-staff';
import { discussionStaff as discussionStaffEs } from './es/discussion-staff';
import { grades as gradesEn } from './en/grades';
import { grades as gradesEs } from './es/grades';
import { lti as ltiEn } from './en/lti';
import { lti as ltiEs } from './es/lti';
import { ltiServices as ltiServicesEn } from './en/lti-services';
import { ltiServices as ltiServicesEs } from './es/lti-services';

/**
 * Every area keeps its own catalog file per language (messages/en/<area>.ts, messages/es/<area>.ts),
 * so people working on different areas never edit the same file. Keys are "<area>.<name>".
 * Add an area here in both languages; the types make a missing Spanish key a compile error.
 */
const english = { ...commonEn, ...layoutEn, ...errorsEn, ...clientEn, ...peopleEn, ...careWiringEn, ...hotseatEn, ...alumniEn, ...careEn, ...digestEn, ...courseEn, ...discussionEn, ...discussionStaffEn, ...gradesEn, ...ltiEn, ...ltiServicesEn };
/** Every key Agora has: typed message keys catch a misspelt key at compile time. */
export type MessageKey = keyof typeof english;

export const catalogs: Record<Locale, Catalog> = {
  en: english,
  es: { ...commonEs, ...layoutEs, ...errorsEs, ...clientEs, ...peopleEs, ...careWiringEs, ...hotseatEs, ...alumniEs, ...careEs, ...digestEs, ...courseEs, ...discussionEs, ...discussionStaffEs, ...gradesEs, ...ltiEs, ...ltiServicesEs },
};
