/** GitHub logins as the App compares them. */

/**
 * A login without its `[bot]` suffix (any case): REST names an App's bot `slug[bot]`, GraphQL names
 * it `slug`, and `github-actions[bot]` is `github-actions` there. Pure.
 */
export function withoutBotSuffix(login: string): string {
  return login.replace(/\[bot\]$/i, '');
}
