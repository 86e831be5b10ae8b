import { describe, expect, it } from '@jest/globals';
import { MAX_BODY_LENGTH, MAX_COMMANDS, MAX_GROUP_IDS, parseGroupCommands, readGroupCommands } from '../../src/linking/commands.js';
import type { GroupCommandReading } from '../../src/linking/commands.js';
import { PARSE_BUDGET } from '../../src/markdown/blocks.js';
import { parseWork } from '../support/parse-work.js';

/** The commands of a body as compact strings, e.g. `wg registry security @3`. */
function read(body: string): string[] {
  return parseGroupCommands(body).map((c) => [c.command, ...c.ids, `@${c.line}`].join(' '));
}

describe('parseGroupCommands: tokens', () => {
  it('reads the four commands with their ids and line numbers', () => {
    expect(read('/wg registry\n/ig security\n/remove-wg auth\n/remove-ig agents')).toEqual([
      'wg registry @1',
      'ig security @2',
      'remove-wg auth @3',
      'remove-ig agents @4',
    ]);
  });

  it('splits ids on any run of spaces and tabs (Prow\'s /sig  node gave sig/)', () => {
    expect(read('/wg  registry\t\tsecurity   auth  ')).toEqual(['wg registry security auth @1']);
    expect(read('/wg\tregistry')).toEqual(['wg registry @1']);
  });

  it('treats other Unicode white space (no-break space, ideographic space) as a separator too', () => {
    expect(read('/wg\u00a0registry\u3000auth')).toEqual(['wg registry auth @1']);
  });

  it('needs a word boundary after the command: /wgx, /wg-foo, /wg:foo, /wg/x are not commands', () => {
    expect(read('/wgx registry\n/wg-foo\n/wg:foo\n/wg/x\n/wgregistry\n/remove-wgx a\n/igloo b')).toEqual([]);
  });

  it('takes exact lowercase tokens only', () => {
    expect(read('/WG registry\n/Wg registry\n/remove-WG registry\n//wg registry\n\\/wg registry')).toEqual([]);
  });

  it('returns a bare /wg with no ids, for the caller to answer', () => {
    expect(read('/wg')).toEqual(['wg @1']);
    expect(read('/ig   ')).toEqual(['ig @1']);
  });

  it('needs the command at the start of a line, after at most 3 spaces and no tab', () => {
    expect(read('   /wg a\n    /wg b\n\t/wg c\n \t/wg d\nplease /wg e\n- /wg f\n`/wg g`')).toEqual(['wg a @1']);
  });

  it('returns ids as typed: uppercase, look-alikes and punctuation are not normalised', () => {
    const [command] = parseGroupCommands('/wg Registry r\u0435gistry \uff52\uff45\uff47 registry, sec\u200burity');
    expect(command?.ids).toEqual(['Registry', 'r\u0435gistry', '\uff52\uff45\uff47', 'registry,', 'sec\u200burity']);
  });

  it('ignores a leading byte order mark', () => {
    expect(read('\ufeff/wg registry')).toEqual(['wg registry @1']);
  });
});

describe('parseGroupCommands: line endings', () => {
  it('reads LF, CRLF and lone CR alike, with the right line numbers', () => {
    expect(read('hi\r\n/wg a\r\n\r\n/ig b\r\n')).toEqual(['wg a @2', 'ig b @4']);
    expect(read('hi\r/wg a\r/ig b')).toEqual(['wg a @2', 'ig b @3']);
    expect(read('/wg a\r\n/wg b\r/wg c\n/wg d')).toEqual(['wg a @1', 'wg b @2', 'wg c @3', 'wg d @4']);
  });

  it('never reads a CR as part of an id', () => {
    expect(parseGroupCommands('/wg registry\r\n')[0]?.ids).toEqual(['registry']);
  });
});

describe('parseGroupCommands: hidden text', () => {
  it('ignores fenced code with and without an info string', () => {
    expect(read('```\n/wg a\n```\n/wg b\n```ts\n/wg c\n```\n/wg d')).toEqual(['wg b @4', 'wg d @8']);
  });

  it('ignores ~~~ fences, and closes a fence only with the same character, at least as long', () => {
    expect(read('~~~\n/wg a\n```\n/wg b\n~~~\n/wg c')).toEqual(['wg c @6']);
    expect(read('````md\n```\n/wg a\n````\n/wg b')).toEqual(['wg b @5']);
    expect(read('~~~~ info ` with backtick\n/wg a\n~~~\n/wg b\n~~~~~\n/wg c')).toEqual(['wg c @6']);
  });

  it('does not take ``` with a backtick in its info string for a fence', () => {
    expect(read('``` not `a` fence\n/wg a')).toEqual(['wg a @2']);
  });

  it('hides the rest of the body after a fence that is never closed', () => {
    expect(read('/wg a\n```\n/wg b\n/wg c')).toEqual(['wg a @1']);
  });

  it('ignores fences inside list items, which end with the item as in CommonMark', () => {
    expect(read('- item\n  ```\n  /wg a\n  ```\n/wg b')).toEqual(['wg b @5']);
    // `/wg a`, not indented, ends the item and its fence: GitHub shows it as text. The second
    // `   ~~~` then opens a fence at the top level, never closed, so `/wg b` is code.
    expect(read('1. item\n   ~~~\n/wg a\n   ~~~\n/wg b')).toEqual(['wg a @3']);
  });

  it('ignores block quotes, and reads the author\'s own line after the blank line that ends one', () => {
    expect(read('> /wg a\n>/wg b\n   > /wg c\n> > /wg d\n\n/wg e')).toEqual(['wg e @6']);
  });

  it('ignores a lazy continuation line, which GitHub renders inside the quote', () => {
    expect(read('> I agree with this\n/wg hidden\n\n/wg shown')).toEqual(['wg shown @4']);
  });

  it('keeps a fence open when its closer is indented 4 spaces or more (that is code)', () => {
    expect(read('```\n    ```\n/wg hidden\n```\n/wg shown')).toEqual(['wg shown @5']);
  });

  it('does not open a fence from inside a block quote', () => {
    expect(read('> ```\n/wg a')).toEqual(['wg a @2']);
  });

  it('ignores HTML comments, on one line or spanning lines', () => {
    expect(read('<!-- /wg a -->\n/wg b')).toEqual(['wg b @2']);
    expect(read('<!--\n/wg a\n/ig b\n-->\n/wg c')).toEqual(['wg c @5']);
    expect(read('text <!-- start\n/wg a\nend --> /wg b\n/wg c')).toEqual(['wg c @4']);
  });

  it('cuts comments out of a command\'s ids, and hides what an unclosed comment opens', () => {
    expect(read('/wg a <!-- b --> c')).toEqual(['wg a c @1']);
    expect(read('/wg a <!-- b\nc -->\n/wg d')).toEqual(['wg a @1', 'wg d @3']);
    expect(read('/wg a <!--\n/wg b')).toEqual(['wg a @1']);
  });

  it('does not take a comment at the start of a line for the start of a command', () => {
    expect(read('<!-- x --> /wg a')).toEqual([]);
  });

  it('treats <!--> and <!---> as empty comments, not as openers', () => {
    expect(read('<!--> x\n/wg a\n<!---> y\n/wg b')).toEqual(['wg a @2', 'wg b @4']);
  });

  it('ignores comment markers inside fenced code, and fences inside comments', () => {
    expect(read('```\n<!--\n```\n/wg a')).toEqual(['wg a @4']);
    expect(read('<!--\n```\n-->\n/wg a\n```')).toEqual(['wg a @4']);
  });
});

describe('parseGroupCommands: bounds', () => {
  it('reads a hundred commands in one comment, but at most 50 distinct ids, counting the rest', () => {
    const body = Array.from({ length: 100 }, (_, i) => `/wg group-${i}`).join('\n');
    const reading = readGroupCommands(body);
    expect(reading.commands).toHaveLength(MAX_GROUP_IDS);
    expect(reading.commands[49]).toEqual({ command: 'wg', ids: ['group-49'], line: 50 });
    expect(reading.ignoredIds).toBe(50);
    expect(reading.ignoredCommands).toBe(0);
  });

  it('keeps repeating ids already seen past the id limit', () => {
    const body = [...Array.from({ length: 50 }, (_, i) => `/wg g${i}`), '/wg new g0', '/remove-wg g1'].join('\n');
    const reading = readGroupCommands(body);
    expect(reading.commands.slice(-2)).toEqual([
      { command: 'wg', ids: ['g0'], line: 51 },
      { command: 'remove-wg', ids: ['g1'], line: 52 },
    ]);
    expect(reading.ignoredIds).toBe(1);
  });

  it('reads at most 100 commands, counting the rest', () => {
    const body = Array.from({ length: 150 }, () => '/wg registry').join('\n');
    const reading = readGroupCommands(body);
    expect(reading.commands).toHaveLength(MAX_COMMANDS);
    expect(reading.ignoredCommands).toBe(50);
  });

  it('reads a 100 KB body up to 65,536 characters, dropping the cut last line', () => {
    const line = '/wg registry security-and-more-words\n';
    const body = `/ig first\n${'x'.repeat(100)}\n` + line.repeat(Math.ceil(100_000 / line.length));
    expect(body.length).toBeGreaterThan(100_000);
    const reading = readGroupCommands(body);
    expect(reading.bodyTruncated).toBe(true);
    const last = reading.commands[reading.commands.length - 1];
    expect(last?.ids).toEqual(['registry', 'security-and-more-words']);
  });

  it('never reads a cut id as another id at the limit', () => {
    const filler = `${'x'.repeat(MAX_BODY_LENGTH - 13)}\n`;
    const body = `${filler}/wg registry-extended\n`;
    expect(filler.length + '/wg registry'.length).toBe(MAX_BODY_LENGTH);
    expect(readGroupCommands(body)).toEqual({ commands: [], bodyTruncated: true, ignoredIds: 0, ignoredCommands: 0 });
  });

  it('reads nothing of a body that is one line longer than the limit', () => {
    expect(readGroupCommands(`/wg registry ${'a '.repeat(40_000)}`).commands).toEqual([]);
  });

  // Work, not time (the time is `npm run bench`'s): one parse of the cut body, linear in its lines.
  it('reads a 100 KB body in one parse of its first 64 Ki, at under two block-rule checks a line', () => {
    const unit = '```\n/wg a\n```\n> /wg b\n<!-- /wg c -->\n/wg d\n';
    const body = unit.repeat(2_500);
    const { result: reading, parses } = parseWork(() => readGroupCommands(body));
    // Only `/wg d` is read (the others are in code, a quote, a comment), up to MAX_COMMANDS of them.
    const cut = body.slice(0, MAX_BODY_LENGTH);
    const complete = Math.floor(cut.lastIndexOf('\n') / unit.length);
    expect(reading.bodyTruncated).toBe(true);
    expect(reading.commands).toHaveLength(MAX_COMMANDS);
    expect(reading.commands.every((c) => c.command === 'wg' && c.ids.join() === 'd')).toBe(true);
    expect(reading.commands[MAX_COMMANDS - 1]?.line).toBe(6 * MAX_COMMANDS);
    expect(reading.ignoredCommands).toBe(complete - MAX_COMMANDS);
    expect(parses).toHaveLength(1);
    const [parse] = parses;
    expect(parse?.length).toBeLessThanOrEqual(MAX_BODY_LENGTH);
    expect(parse?.checks).toBeLessThan(2 * (parse?.lines ?? 0));
    expect(parse?.checks).toBeLessThan(PARSE_BUDGET / 50);
  });
});

describe('parseGroupCommands: hostile bodies stay linear', () => {
  // Work, not time: each body is read as written below in parses of at most two block-rule checks
  // a line, plus one per level of nesting (markdown-it's maxNesting), far inside PARSE_BUDGET;
  // what a body cut at 64 Ki loses is its last line. The times are `npm run bench`'s
  // (bench/hostile-text.ts).
  const none = (over: Partial<GroupCommandReading> = {}): GroupCommandReading => ({ commands: [], bodyTruncated: false, ignoredIds: 0, ignoredCommands: 0, ...over });
  const bare = (n: number) => Array.from({ length: n }, (_, i) => ({ command: 'wg' as const, ids: [], line: i + 1 }));
  const hostile: Array<[string, string, GroupCommandReading, GroupCommandReading]> = [
    // name, body, its reading, the reading of the body with `\n/wg registry` after it
    ['comment openers', '<!--'.repeat(16_384), none(), none({ bodyTruncated: true })],
    ['list markers', '- '.repeat(32_768), none(), none({ bodyTruncated: true })],
    ['numbered markers', '1. '.repeat(21_845), none(), none({ bodyTruncated: true })],
    ['markers and tabs', '-\t \t'.repeat(16_384), none(), none({ bodyTruncated: true })],
    ['fence characters', '`'.repeat(65_536), none(), none({ bodyTruncated: true })],
    // MAX_COMMANDS bare commands read, the other 13,007 counted.
    ['commands', '/wg \n'.repeat(13_107), none({ commands: bare(MAX_COMMANDS), ignoredCommands: 13_007 }), none({ commands: bare(MAX_COMMANDS), ignoredCommands: 13_007, bodyTruncated: true })],
    ['white space ids', `/wg ${' \t'.repeat(32_000)}x`, none({ commands: [{ command: 'wg', ids: ['x'], line: 1 }] }), none({ commands: [{ command: 'wg', ids: ['x'], line: 1 }, { command: 'wg', ids: ['registry'], line: 2 }] })],
    // 72,000 code units: cut at 64 Ki; every line is in an open fence.
    ['open fences', '```\n~~~~\n'.repeat(8_000), none({ bodyTruncated: true }), none({ bodyTruncated: true })],
  ];
  for (const [name, body, reading, withCommand] of hostile) {
    it(`reads a body of ${name} in parses linear in its lines`, () => {
      const { result, parses } = parseWork(() => [readGroupCommands(body), readGroupCommands(`${body}\n/wg registry`)]);
      expect(result).toEqual([reading, withCommand]);
      expect(parses.length).toBeGreaterThanOrEqual(1);
      for (const parse of parses) {
        expect(parse.length).toBeLessThanOrEqual(MAX_BODY_LENGTH);
        expect(parse.checks).toBeLessThanOrEqual(2 * parse.lines + 100);
      }
    });
  }
});
