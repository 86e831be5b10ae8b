/**
 * The link comment names a group's leaders by their role: a working group's leads (SEP-2149
 * § 1.1) as leads, otherwise facilitators (SEP-1302 § WG/IG Facilitators), by profile links.
 */
import { describe, expect, it } from '@jest/globals';
import { charterUrl, linkedCommentBody } from '../../src/linking/linked-comment.js';
import type { Charter } from '../../src/charters/schema.js';

const location = { governanceRepo: 'modelcontextprotocol/modelcontextprotocol', layout: { kind: 'pages', workingGroups: 'docs/community/working-groups', interestGroups: 'docs/community/interest-groups', nav: 'docs/docs.json' } as const };
const base = { status: 'active', formed: '2026-04-08' } as const;

describe('linkedCommentBody', () => {
  it('names a working group\'s leads as leads, and links its charter page', () => {
    const registry: Charter = { ...base, id: 'registry', name: 'Registry Working Group', type: 'working', leads: [{ login: 'rdimitrov', term: 'Initial' }, { login: 'tadasant' }] };
    const body = linkedCommentBody([registry], 'issue', location);
    expect(body).toContain('Leads: [rdimitrov](https://github.com/rdimitrov), [tadasant](https://github.com/tadasant).');
    expect(body).toContain(`see its [charter](${charterUrl(location, registry)})`);
    expect(charterUrl(location, registry)).toBe('https://github.com/modelcontextprotocol/modelcontextprotocol/blob/HEAD/docs/community/working-groups/registry.mdx');
  });

  it('names facilitators as facilitators: an interest group, or a working group that names facilitators', () => {
    const security: Charter = { ...base, id: 'security', name: 'Security Interest Group', type: 'interest', facilitators: ['localden'] };
    const legacy: Charter = { ...base, id: 'agents', name: 'Agents Working Group', type: 'working', facilitators: ['a', 'b'] };
    expect(linkedCommentBody([security], 'issue', location)).toContain('Facilitator: [localden](https://github.com/localden).');
    expect(linkedCommentBody([legacy], 'pull_request', location)).toContain('Facilitators: [a](https://github.com/a), [b](https://github.com/b).');
  });
});
