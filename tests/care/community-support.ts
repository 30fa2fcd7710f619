import type { Browser } from '../support/launch';
import { act, postReply, postThread, tokenFor } from '../support/room';
import { ADA, AUTUMN, BO, CLEO, createCommunity, GRACE, post, spaceCourseOf, SPRING, startAlumniFixture, type AlumniFixture } from '../alumni/support';

/**
 * Community care across an alumni community: Biology 101's spring run (Grace teaching Ada and Bo)
 * linked to a community and graduated, then its autumn run (Grace teaching Cleo) joined to it.
 * In spring Ada wrote a named Genetics answer and Bo one anonymous to classmates, both endorsed.
 */
export interface CommunityFixture {
  f: AlumniFixture;
  /** Grace as she last launched: from the autumn run. */
  grace: Browser;
  graceSpring: Browser;
  ada: Browser;
  bo: Browser;
  cleo: Browser;
  spring: string;
  autumn: string;
  communityId: string;
  space: string;
  ids: Record<'grace' | 'ada' | 'bo' | 'cleo', string>;
  /** A tag of the course, created by Grace; returns its id. */
  tag(courseId: string, name: string): Promise<string>;
}

export async function startCommunityFixture(): Promise<CommunityFixture> {
  const f = await startAlumniFixture();
  // Grace teaches both runs; each launch starts a session of its own, so each run has its own browser.
  const [graceSpring, grace, ada, bo, cleo] = [f.browser(), f.browser(), f.browser(), f.browser(), f.browser()];
  const spring = await f.launch(graceSpring, GRACE, SPRING);
  await f.launch(ada, ADA, SPRING);
  await f.launch(bo, BO, SPRING);
  const communityId = await createCommunity(graceSpring, spring);
  const tag = async (courseId: string, name: string) => {
    const response = await act(courseId === spring ? graceSpring : grace, courseId, `/c/${courseId}/discussion/tags`, { name });
    if (response.status !== 201) throw new Error(`creating a tag answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body.data.tag.id as string;
  };
  await act(graceSpring, spring, `/c/${spring}/discussion/settings`, { anonymity: 'peers', postingPolicy: '' });
  const genetics = await tag(spring, 'Genetics');
  const question = await postThread(graceSpring, spring, { title: 'Dominant alleles?', body: '?', kind: 'question', tagIds: [genetics] });
  for (const [who, fields] of [[ada, { body: 'One copy suffices' }], [bo, { body: 'Quietly right', anonymity: 'peers' }]] as const) {
    const answer = await postReply(who, spring, question.id, fields);
    await act(graceSpring, spring, `/c/${spring}/discussion/replies/${answer.id}/endorse`, { endorsed: true });
  }
  await post(graceSpring, `/c/${spring}/alumni/graduate`, {}, `/c/${spring}/alumni`);
  const autumn = await f.launch(grace, GRACE, AUTUMN);
  await post(grace, `/c/${autumn}/alumni/join`, { communityId }, `/c/${autumn}/alumni`);
  await f.launch(cleo, CLEO, AUTUMN);
  const space = await spaceCourseOf(f.agora, communityId);
  const people = await f.agora.storage.people.findByIds([
    ...(await f.agora.storage.memberships.listByCourse(spring)).map((m) => m.personId),
    ...(await f.agora.storage.memberships.listByCourse(autumn)).map((m) => m.personId),
  ]);
  const idOf = (name: string) => people.find((p) => p.name === name)!.id;
  // The room helpers take each session's CSRF token from a course home; a space's home is the community page.
  for (const [browser, courseId] of [[grace, autumn], [ada, spring], [bo, spring], [cleo, autumn]] as const) await tokenFor(browser, courseId);
  return {
    f, grace, graceSpring, ada, bo, cleo, spring, autumn, communityId, space, tag,
    ids: { grace: idOf(GRACE.name), ada: idOf(ADA.name), bo: idOf(BO.name), cleo: idOf(CLEO.name) },
  };
}
