import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { validate } from '@octokit/graphql-schema';
import { validateGraphql } from '../support/graphql-schema.js';
import { checkRestRequest } from '../support/openapi.js';

// The oracles the API mock relies on must themselves reject what GitHub would reject.
describe('the REST oracle (GitHub\'s OpenAPI description)', () => {
  it('accepts a documented operation with a valid body', () => {
    expect(checkRestRequest('POST', '/repos/o/r/check-runs', { name: 'x', head_sha: 'abc', status: 'completed', conclusion: 'success' })).toEqual([]);
    expect(checkRestRequest('POST', '/repos/o/r/issues', { title: 't', labels: ['a'] })).toEqual([]);
  });

  it('rejects an undocumented route, a wrong method and an invalid body', () => {
    expect(checkRestRequest('GET', '/repos/o/r/no-such-thing/1/2', undefined)).toEqual(['GET /repos/o/r/no-such-thing/1/2 is not an operation of GitHub\'s REST API']);
    expect(checkRestRequest('DELETE', '/repos/o/r/check-runs', undefined)[0]).toContain('is not an operation');
    expect(checkRestRequest('POST', '/repos/o/r/check-runs', { name: 'x', head_sha: 'abc', conclusion: 'bogus' }).join()).toContain('checks/create: body/conclusion must be equal to one of the allowed values');
    expect(checkRestRequest('PATCH', '/repos/o/r/issues/1', { state: 'shut' }).join()).toContain('issues/update');
  });
});

describe('the GraphQL oracle (GitHub\'s schema)', () => {
  it('flags a field GitHub does not have', () => {
    expect(validate('query { viewer { login } }')).toEqual([]);
    expect(validate('query { viewer { nickname } }').map((e) => e.message).join()).toContain('nickname');
  });

  it('is, as the API mocks use it (test/support/graphql-schema.ts), the package\'s: it flags a field GitHub does not have', () => {
    expect(validateGraphql('query { viewer { login } }')).toEqual([]);
    expect(validateGraphql('query { viewer { nickname } }').map((e) => e.message)).toEqual(validate('query { viewer { nickname } }').map((e) => e.message));
    expect(validateGraphql('query { viewer { nickname } }').map((e) => e.message).join()).toContain('nickname');
    expect(() => validateGraphql('query { viewer { login }')).toThrow(/Syntax Error/);
  });

  it('runs on the one graphql installed (so graphql-js\'s check for a second copy, off in the engine\'s production form, cannot matter)', () => {
    const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages).filter((path) => /(^|\/)node_modules\/graphql$/.test(path))).toEqual(['node_modules/graphql']);
  });
});
