/**
 * The GraphQL oracle of the API mocks: a query validated against GitHub's public schema, as
 * `validate` of `@octokit/graphql-schema` does it (`validate(schema, parse(query))` with graphql-js,
 * on the schema built from the package's `schema.json`), on the one schema the fake GitHub executes
 * queries on (`githubGraphqlSchema`, bench/activity-github.ts).
 *
 * Importing the package instead parses its 5 MB `schema.json` twice and builds a second schema, in
 * every test file; and the same query text, validated again, gives the same errors: each distinct
 * text is validated once per test file, in the cache the fake GitHub executes from
 * (`checkedDocument`). A text that does not parse throws, as the package's does.
 * One difference, stricter: the package parses with graphql-tag, which drops a fragment defined
 * twice with the same text before validation; here, as at GitHub, a repeated fragment name is an error.
 */
import type { GraphQLError } from 'graphql';
import { checkedDocument } from '../../bench/activity-github.js';

/** The errors of `query` against GitHub's schema (none: a valid query). @throws a GraphQL syntax error */
export function validateGraphql(query: string): readonly GraphQLError[] {
  const checked = checkedDocument(query);
  if ('syntaxError' in checked) throw checked.syntaxError;
  return checked.errors;
}
