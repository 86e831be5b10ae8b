#!/usr/bin/env node
/**
 * The App server, as `npm start` and the container run it: Probot's `run` (its HTTP server,
 * webhook route, `/ping`, environment options: APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, PORT, HOST,
 * LOG_LEVEL, LOG_FORMAT, GHE_HOST…) with the App's handlers and the App's Octokit, which retries
 * GitHub's rate limits instead of only logging them. SIGTERM (a container stopping) closes the
 * server; work in flight is idempotent and redone by the next delivery or the scheduled job.
 */
import { run } from 'probot';
import { appOctokit } from './github/app-octokit.js';
import groupSteward from './index.js';

const server = await run(groupSteward, { Octokit: appOctokit() });
process.once('SIGTERM', () => {
  void server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
