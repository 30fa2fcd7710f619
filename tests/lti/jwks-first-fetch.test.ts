import { startWithPlatform, type PlatformFixture } from '../support/course-fixture';
import { launch, newBrowser } from '../support/launch';
import { ROLE } from '../support/test-platform';

/** The very first launches of a fresh Agora arrive together, while it fetches the LMS's keys for the first time. */
describe('launches racing the first fetch of the platform keys', () => {
  let fixture: PlatformFixture;
  beforeAll(async () => {
    fixture = await startWithPlatform();
  });
  afterAll(() => fixture.close());

  it('lets every one of them in, with one fetch of the keys', async () => {
    const { agora, platform } = fixture;
    const before = platform.jwksRequests;
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) =>
      launch(newBrowser(agora.url), platform, agora.url, platform.claims({ sub: `racer-${i}`, roles: [ROLE.learner] }))));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(303));
    expect(platform.jwksRequests - before).toBe(1);
  });
});
