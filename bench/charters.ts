/**
 * Benchmark: the charter validator's throughput on generated charters (charters per second,
 * peak memory). A measurement, not a test: it asserts nothing and never runs under jest.
 */
import { validateCharters } from '../src/charters/validate.js';
import { forgetParsedCharters } from '../src/charters/parse.js';
import type { CharterSource } from '../src/charters/parse.js';

/** A valid charter text for group `i` of `count`: WGs and IGs alternate, IGs relate to IGs. */
export function generatedCharter(i: number, count: number): CharterSource {
  const id = `group-${i}`;
  const working = i % 2 === 0;
  const common = [
    '# yaml-language-server: $schema=./charter.schema.json',
    `id: ${id}`,
    `name: Generated ${working ? 'Working' : 'Interest'} Group ${i}`,
    `type: ${working ? 'working' : 'interest'}`,
    'status: active',
    `formed: 2025-${String((i % 12) + 1).padStart(2, '0')}-15`,
    'facilitators:',
    `  - facilitator-${i}`,
    `  - co-facilitator-${i}`,
    `discord: ${id}-${working ? 'wg' : 'ig'}`,
    'repos:',
    `  - example-org/${id}`,
  ];
  const specific = working
    ? [
        'use_cases: >-',
        '  Collaborate on a themed series of SEPs and their reference implementations, so that',
        '  clients and servers interoperate without ad hoc glue.',
        `first_work: https://github.com/example-org/spec/pull/${1000 + i}`,
        'deliverables:',
        `  - https://github.com/example-org/spec/pull/${1000 + i}`,
        `  - https://github.com/example-org/spec/issues/${5000 + i}`,
      ]
    : [
        'related_groups:',
        // Odd ids are interest groups: relate each to the next one.
        `  - group-${((i + 2) % count) | 1}`,
        'differentiation: >-',
        '  It gathers problems from one community of practice rather than owning a solution.',
        'first_topic: >-',
        '  Collect the problems members meet in production deployments.',
      ];
  return { file: `${id}.yaml`, content: `${[...common, ...specific].join('\n')}\n` };
}

/** Runs the validator over `count` generated charters `rounds` times, each cold, and reports the rates. */
export function benchCharterValidation(count = 1000, rounds = 5): string[] {
  const sources = Array.from({ length: count }, (_, i) => generatedCharter(i, count));
  const now = new Date('2026-11-22T00:00:00Z');
  const warm = validateCharters(sources, { now });
  if (warm.errors > 0) throw new Error(`generated charters are invalid: ${JSON.stringify(warm.diagnostics[0])}`);
  const times: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    // Each round reads every text afresh: the texts parse.ts keeps read are forgotten first.
    forgetParsedCharters();
    const start = process.hrtime.bigint();
    validateCharters(sources, { now });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const bytes = sources.reduce((n, s) => n + (typeof s.content === 'string' ? s.content.length : s.content.byteLength), 0);
  return [
    `charter validation: ${count} charters (${(bytes / 1024).toFixed(0)} KiB), ${rounds} rounds after one warm-up`,
    `  median ${median.toFixed(1)} ms per run → ${Math.round((count / median) * 1000)} charters/s (best ${times[0]?.toFixed(1)} ms, worst ${times.at(-1)?.toFixed(1)} ms)`,
    `  peak memory: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB RSS, heap now ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MiB`,
  ];
}
