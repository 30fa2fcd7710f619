/**
 * What a deep-linked LMS link opens in Agora. A link the picker made carries its target twice,
 * both signed by the LMS at launch: as the custom parameter `agora_target` and in the link's
 * target_link_uri query (`?agora_target=thread:ID`), for platforms that drop one or the other.
 */
export type AgoraTarget =
  | { kind: 'home' }
  | { kind: 'discussion' }
  | { kind: 'thread'; threadId: string }
  | { kind: 'hotseat' }
  | { kind: 'hotseatSession'; hotseatId: string }
  | { kind: 'alumni' };

export const TARGET_PARAM = 'agora_target';

const SIMPLE = new Set(['home', 'discussion', 'hotseat', 'alumni']);
const THREAD = /^thread:([0-9A-Za-z_-]{1,64})$/;
/** One hotseat session (the space alone is plain 'hotseat'). */
const HOTSEAT = /^hotseat:([0-9A-Za-z_-]{1,64})$/;

export function parseTarget(value: unknown): AgoraTarget | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (SIMPLE.has(text)) return { kind: text } as AgoraTarget;
  const thread = THREAD.exec(text);
  if (thread) return { kind: 'thread', threadId: thread[1]! };
  const hotseat = HOTSEAT.exec(text);
  return hotseat ? { kind: 'hotseatSession', hotseatId: hotseat[1]! } : null;
}

export function formatTarget(target: AgoraTarget): string {
  if (target.kind === 'thread') return `thread:${target.threadId}`;
  if (target.kind === 'hotseatSession') return `hotseat:${target.hotseatId}`;
  return target.kind;
}

/** The target a launch asks for: the custom parameter first, then the target_link_uri query. */
export function targetOfLaunch(custom: Record<string, string>, targetLinkUri: string): AgoraTarget | null {
  const fromCustom = parseTarget(custom[TARGET_PARAM]);
  if (fromCustom) return fromCustom;
  try {
    return parseTarget(new URL(targetLinkUri).searchParams.get(TARGET_PARAM));
  } catch {
    return null;
  }
}
