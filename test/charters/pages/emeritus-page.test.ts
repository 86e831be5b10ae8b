/** The emeritus edit of a charter page: only the moved rows change (a golden test on MCP's real registry page). */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { emeritusPageText } from '../../../src/charters/pages/emeritus-page.js';
import { ROOT } from '../../activity/helpers.js';

const page = (name: string) => readFileSync(`${ROOT}examples/mcp-pages/docs/community/working-groups/${name}.mdx`, 'utf8');

/** The lines removed and added between two texts of the same page (a line diff by position of the unchanged prefix and suffix). */
function changed(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  const removed = a.filter((line) => !b.includes(line));
  const added = b.filter((line) => !a.includes(line));
  return { removed, added };
}

describe('emeritusPageText', () => {
  it('moves the rows of MCP\'s registry page to its Emeritus table, every other byte kept', () => {
    const before = page('registry');
    const edited = emeritusPageText(before, ['pree-dew', 'BobDickinson']);
    if (!('text' in edited)) throw new Error(edited.problem);
    const bob = '| Bob Dickinson      | TeamSpark    | [@BobDickinson](https://github.com/BobDickinson) | rddthree   | WG Member | Yes         |';
    const preeti = '| Preeti Dewani      | Ravenmail    | [@pree-dew](https://github.com/pree-dew)         | pree_dew   | WG Member | No          |';
    const toby = '| Toby Padilla | GitHub       | [@toby](https://github.com/toby)           |           | WG Member | Yes         |';
    // Golden: the two rows, as written, now follow the last emeritus row; nothing else changed.
    const expected = before.replace(`${bob}\n`, '').replace(`${preeti}\n`, '').replace(`${toby}\n`, `${toby}\n${bob}\n${preeti}\n`);
    expect(edited.text).toBe(expected);
    expect(edited.text.length).toBe(before.length);
    expect(changed(before, edited.text)).toEqual({ removed: [], added: [] });
  });

  it('adds an Emeritus Membership section after the Membership table of a page without one, CRLF kept', () => {
    const before = page('file-uploads').replace(/\n/g, '\r\n');
    const edited = emeritusPageText(before, ['nickcoai']);
    if (!('text' in edited)) throw new Error(edited.problem);
    const { removed, added } = changed(before, edited.text);
    expect(removed).toEqual([]);
    expect(added).toEqual(['## Emeritus Membership\r']);
    expect(edited.text).toContain(
      '| Olivier Chafik | Anthropic    | [@ochafik](https://github.com/ochafik)   |         | WG Member |\r\n\r\n## Emeritus Membership\r\n\r\n| Name           | Organization | GitHub                                   | Discord | Level     |\r\n| -------------- | ------------ | ---------------------------------------- | ------- | --------- |\r\n| Nick Cooper    | OpenAI       | [@nickcoai](https://github.com/nickcoai) |         | WG Member |\r\n\r\n## Operations',
    );
    expect(edited.text.split('\r\n').filter((l) => l.startsWith('|') && l.includes('@nickcoai'))).toHaveLength(1);
  });

  it('refuses a login the Membership table does not list, and changes nothing for none', () => {
    expect(emeritusPageText(page('registry'), ['someone-else'])).toEqual({ problem: 'the Membership table lists no @someone-else' });
    expect(emeritusPageText(page('registry'), [])).toEqual({ text: page('registry') });
  });
});
