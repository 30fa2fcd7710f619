import { registerPlatform, startTestAgora, type TestAgora } from './agora';
import { launchIntoCourse, newBrowser, type Browser } from './launch';
import { ROLE, TestPlatform } from './test-platform';

/** A running Agora with a registered test LMS: the starting point of most integration tests. */
export interface PlatformFixture {
  agora: TestAgora;
  platform: TestPlatform;
  close(): Promise<void>;
}

export async function startWithPlatform(options: { now?: () => Date } = {}): Promise<PlatformFixture> {
  const agora = await startTestAgora({}, options);
  const platform = await TestPlatform.start();
  await registerPlatform(agora, platform);
  return {
    agora,
    platform,
    async close() {
      await agora.close();
      await platform.close();
    },
  };
}

/**
 * People who have launched: Ada and Bo (learners) and Grace (instructor) in Biology 101, and Eve,
 * a learner of another course (Chemistry), to prove that courses stay apart.
 */
export interface CourseFixture extends PlatformFixture {
  ada: Browser;
  /** A second learner of Biology 101. */
  bo: Browser;
  grace: Browser;
  eve: Browser;
  courseId: string;
  otherCourseId: string;
}

/** `now` swaps Agora's clock (not the test LMS's, whose tokens must stay valid) for time-driven tests. */
export async function startCourseFixture(options: { now?: () => Date } = {}): Promise<CourseFixture> {
  const base = await startWithPlatform(options);
  const { agora, platform } = base;
  const ada = newBrowser(agora.url);
  const grace = newBrowser(agora.url);
  const eve = newBrowser(agora.url);
  const bo = newBrowser(agora.url);
  const courseId = await launchIntoCourse(ada, platform, agora.url, platform.claims({ sub: 'ada', name: 'Ada Lovelace', roles: [ROLE.learner] }));
  await launchIntoCourse(grace, platform, agora.url, platform.claims({ sub: 'grace', name: 'Grace Hopper', roles: [ROLE.instructor] }));
  await launchIntoCourse(bo, platform, agora.url, platform.claims({ sub: 'bo', name: 'Bo Diddley', roles: [ROLE.learner] }));
  const otherCourseId = await launchIntoCourse(eve, platform, agora.url, platform.claims({ sub: 'eve', name: 'Eve', roles: [ROLE.learner], contextId: 'chem', contextTitle: 'Chemistry' }));
  return { ...base, ada, bo, grace, eve, courseId, otherCourseId };
}
