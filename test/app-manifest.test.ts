import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { parse } from 'yaml';
import groupSteward from '../src/index.js';

/** The events the App registers handlers for (`push`, `issues`…), without their actions. */
function registeredEvents(): string[] {
  const names: string[] = [];
  const fake = { on: (events: string | string[]) => names.push(...[events].flat()), onAny: () => {}, onError: () => {} };
  groupSteward(fake as unknown as Probot);
  return [...new Set(names.map((n) => n.split('.')[0] as string))].sort();
}

describe('app.yml, the App manifest', () => {
  const manifest = parse(readFileSync(new URL('../app.yml', import.meta.url), 'utf8')) as {
    default_events: string[];
    default_permissions: Record<string, string>;
  };
  // GitHub delivers these to every App without a subscription.
  const alwaysDelivered = new Set(['installation', 'installation_repositories']);

  it('subscribes to exactly the events the App handles', () => {
    expect([...manifest.default_events].sort()).toEqual(registeredEvents().filter((e) => !alwaysDelivered.has(e)));
  });

  it('asks for no permission beyond those the features need', () => {
    expect(manifest.default_permissions).toEqual({
      checks: 'write',
      contents: 'write', // the App's own branches for creation and retirement pull requests
      pull_requests: 'write',
      issues: 'write',
      metadata: 'read',
      members: 'read',
    });
  });
});
