/**
 * The Action's logic entry, as `@github/local-action` and actions/typescript-action expect it:
 * `run()` runs the step once (`runAction` in `run-action.ts`: the scheduled job, or the event
 * delivered to the App's handlers, chosen by `GITHUB_EVENT_NAME`). It never throws: a failure
 * fails the step with a message (`core.setFailed`). `index.ts` calls it; that is what
 * `npm run build:action` bundles into `dist/action/index.js`, the file `action.yml` runs.
 *
 *   npx @github/local-action run . src/action/main.ts .env
 */
import { runAction } from './run-action.js';

/** Runs the Action once with the step's inputs and event (`INPUT_*`, `GITHUB_EVENT_NAME`, `GITHUB_EVENT_PATH`). */
export async function run(): Promise<void> {
  await runAction();
}
