import fs from 'node:fs';
import path from 'node:path';
import { CANVAS_CUSTOM_PARAMETERS, CUSTOM_PARAMETERS, TOOL_SCOPES } from '../../src/lti/registration/tool-config';

/**
 * The hand-made LMS configurations in lti-config/ ask for what Agora builds, and for the same as
 * dynamic registration does: URLs, scopes, deep-linking placements, custom parameters.
 */
const CONFIG_DIR = path.resolve(__dirname, '../../lti-config');
const BASE = 'https://agora.example.edu';

interface Placement { placement: string; message_type: string; target_link_uri: string }

describe('lti-config', () => {
  const canvas = JSON.parse(fs.readFileSync(path.join(CONFIG_DIR, 'canvas-developer-key.json'), 'utf8')) as {
    oidc_initiation_url: string; target_link_uri: string; public_jwk_url: string; scopes: string[];
    extensions: Array<{ platform: string; privacy_level: string; settings: { placements: Placement[] } }>;
    custom_fields: Record<string, string>;
  };

  it('gives Canvas Agora\'s login, launch and key URLs', () => {
    expect(canvas).toMatchObject({ oidc_initiation_url: `${BASE}/lti/login`, target_link_uri: `${BASE}/lti/launch`, public_jwk_url: `${BASE}/lti/keys` });
  });

  it('asks Canvas for the same scopes as dynamic registration, roster included', () => {
    expect([...canvas.scopes].sort()).toEqual([...TOOL_SCOPES].sort());
  });

  it('sends Canvas link and assignment selection to the deep-linking picker, and the course menu to the launch', () => {
    const placements = canvas.extensions[0]!.settings.placements;
    const byName = Object.fromEntries(placements.map((p) => [p.placement, p]));
    expect(byName.course_navigation).toMatchObject({ message_type: 'LtiResourceLinkRequest', target_link_uri: `${BASE}/lti/launch` });
    for (const name of ['link_selection', 'assignment_selection']) {
      expect(byName[name]).toMatchObject({ message_type: 'LtiDeepLinkingRequest', target_link_uri: `${BASE}/lti/deep-link` });
    }
    expect(canvas.extensions[0]).toMatchObject({ platform: 'canvas.instructure.com', privacy_level: 'public' });
  });

  it('carries the custom parameters Agora reads, the same as dynamic registration asks Canvas for', () => {
    expect(canvas.custom_fields).toEqual(CANVAS_CUSTOM_PARAMETERS);
  });

  it('lists the same custom parameters for Moodle, without the Canvas-only variable', () => {
    const moodle = fs.readFileSync(path.join(CONFIG_DIR, 'moodle.md'), 'utf8');
    const block = /Custom parameters:\n\n```\n([\s\S]*?)```/.exec(moodle)![1]!;
    const parameters = Object.fromEntries(block.trim().split('\n').map((line) => line.split('=') as [string, string]));
    expect(parameters).toEqual(CUSTOM_PARAMETERS);
  });
});
