import type { Browser } from '../support/launch';
import { act } from '../support/room';

/**
 * The hotseat as a test drives it: real HTTP, JSON flavour of the routes the pages post to.
 * Times are relative to the test's clock, in minutes.
 */
export class TestClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(minutes: number): void {
    this.offsetMs += minutes * 60_000;
  }
  inMinutes(minutes: number): string {
    return new Date(this.now().getTime() + minutes * 60_000).toISOString();
  }
}

export const hotseatPath = (courseId: string, hotseatId: string) => `/c/${courseId}/hotseats/${hotseatId}`;

export async function scheduleHotseat(staff: Browser, courseId: string, clock: TestClock, fields: Record<string, unknown> = {}): Promise<string> {
  const response = await act(staff, courseId, `/c/${courseId}/hotseats`, {
    title: 'Ask the author', description: 'Chapter 3', opensAt: clock.inMinutes(10), startsAt: clock.inMinutes(60), endsAt: clock.inMinutes(120),
    publish: true, ...fields,
  });
  if (response.status !== 201) throw new Error(`scheduling answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data.id as string;
}

export async function ask(browser: Browser, courseId: string, hotseatId: string, body = 'What is the main idea?', fields: Record<string, unknown> = {}) {
  return act(browser, courseId, `${hotseatPath(courseId, hotseatId)}/questions`, { body, ...fields });
}

export async function askOk(browser: Browser, courseId: string, hotseatId: string, body = 'What is the main idea?', fields: Record<string, unknown> = {}): Promise<string> {
  const response = await ask(browser, courseId, hotseatId, body, fields);
  if (response.status !== 201) throw new Error(`asking answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data.id as string;
}

export function hotseatAct(browser: Browser, courseId: string, hotseatId: string, path: string, body: Record<string, unknown> = {}) {
  return act(browser, courseId, `${hotseatPath(courseId, hotseatId)}${path}`, body);
}

/** The hotseat page as JSON, as this browser sees it. */
export async function view(browser: Browser, courseId: string, hotseatId: string) {
  const response = await browser.get(hotseatPath(courseId, hotseatId)).set('Accept', 'application/json');
  if (response.status !== 200) throw new Error(`viewing answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data.hotseat as HotseatJson;
}

export interface QuestionJson {
  id: string; bodyHtml: string; status: string; voteCount: number; voted: boolean; hidden: boolean; declineReason: string | null;
  answerHtml: string | null; author: { name: string; isYou: boolean; anonymous: boolean };
  permissions: Record<string, boolean>;
}
export interface HotseatJson {
  id: string; phase: string; open: QuestionJson[]; answered: QuestionJson[]; dismissed: QuestionJson[]; pending: QuestionJson[];
  mine: QuestionJson[]; hosts: Array<{ name: string; isGuest: boolean }>; summary: Record<string, number> | null;
  answering: QuestionJson | null; permissions: Record<string, boolean>; convertible: number;
}
