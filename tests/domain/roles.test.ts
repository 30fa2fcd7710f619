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
    ['a Canvas TA (TeachingAssistant sub-role, with institution Student and system User)', [`${V2}/membership/Instructor#TeachingAssistant`, `${V2}/institution/person#Student`, `${V2}/system/person#User`]],
    ['a Canvas account admin who is not enrolled (institution Administrator, no membership role)', [`${V2}/institution/person#Administrator`, `${V2}/system/person#User`]],
    ['a Canvas site admin (system SysAdmin)', [`${V2}/system/person#SysAdmin`]],
    ['a Moodle teacher who is also site administrator', [`${V2}/membership#Instructor`, `${V2}/institution/person#Administrator`]],
    ['the short LTI 1.1 name TeachingAssistant', ['TeachingAssistant']],
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
    ['a Moodle student (Learner only)', [`${V2}/membership#Learner`]],
    ['a Canvas designer whose institution role is Instructor', [`${V2}/membership#ContentDeveloper`, `${V2}/institution/person#Instructor`]],
    ['a Canvas observer whose institution role is Instructor', [`${V2}/membership#Mentor`, `${V2}/institution/person#Instructor`]],
    ['institution staff without a course role', [`${V2}/institution/person#Staff`, `${V2}/system/person#User`]],
  ])('makes a learner of %s', (_label, roles) => {
    expect(courseRoleFromLti(roles)).toBe('learner');
  });
});
