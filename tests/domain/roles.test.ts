import { courseRoleFromLti } from '../../src/domain/roles';

const V2 = 'http://purl.imsglobal.org/vocab/lis/v2';

describe('course role from LTI roles', () => {
  it.each([
    ['a context Instructor', [`${V2}/membership#Instructor`]],
    ['a context TeachingAssistant sub-role', [`${V2}/membership/Instructor#TeachingAssistant`]],
    ['a context Administrator', [`${V2}/membership#Administrator`]],
    ['an institution Administrator (an LMS admin without enrolment)', [`${V2}/institution/person#Administrator`]],
    ['a system Administrator', [`${V2}/system/person#Administrator`]],
    ['the short LTI 1.1 name Instructor', ['Instructor']],
    ['Instructor among other roles', [`${V2}/institution/person#Staff`, `${V2}/membership#Instructor`]],
  ])('makes staff of %s', (_label, roles) => {
    expect(courseRoleFromLti(roles)).toBe('staff');
  });

  it.each([
    ['a Learner', [`${V2}/membership#Learner`]],
    ['no role at all', []],
    ['an empty role', ['']],
    ['an unknown role', [`${V2}/unknown/unknown#Helper`]],
    ['a Mentor', [`${V2}/membership#Mentor`]],
    ['an institution Instructor enrolled as a learner (Canvas sends both)', [`${V2}/institution/person#Instructor`, `${V2}/membership#Learner`]],
    ['a learner sub-role that merely mentions Instructor', [`${V2}/membership/Learner#Instructor`]],
  ])('makes a learner of %s', (_label, roles) => {
    expect(courseRoleFromLti(roles)).toBe('learner');
  });
});
