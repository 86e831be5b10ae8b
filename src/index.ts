/** The Group Steward GitHub App: registers its webhook handlers, nothing else. */
import type { Probot } from 'probot';
import { onConfigPush } from './handlers/config-events.js';
import {
  onCheckRunRerequested,
  onCheckSuiteRerequested,
  onPullRequest,
  onPullRequestReview,
} from './handlers/pull-request-events.js';
import { onGovernancePush, onInstallationCreated, onInstallationRepositoriesAdded } from './handlers/label-sync-events.js';
import { onGroupRequest, onRetireCommand, onRetirementMerged } from './handlers/proposal-events.js';
import { onCommentLinking, onIssueLinking, onLabelLinking, onPullRequestLinking } from './handlers/linking-events.js';

export default function groupSteward(app: Probot): void {
  app.on(
    ['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review'],
    onPullRequest,
  );
  app.on(['pull_request_review.submitted', 'pull_request_review.edited', 'pull_request_review.dismissed'], onPullRequestReview);
  app.on('check_run.rerequested', onCheckRunRerequested);
  app.on('check_suite.rerequested', onCheckSuiteRerequested);
  app.on('push', onConfigPush);
  app.on('push', onGovernancePush);
  app.on('installation.created', onInstallationCreated);
  app.on('installation_repositories.added', onInstallationRepositoriesAdded);
  app.on(['issues.opened', 'issues.edited'], onIssueLinking);
  app.on(['pull_request.opened', 'pull_request.edited', 'pull_request.synchronize'], onPullRequestLinking);
  app.on('issue_comment.created', onCommentLinking);
  app.on(['issues.labeled', 'pull_request.labeled'], onLabelLinking);
  // The governance loop (issue 9): creation requests, retirement commands, merged retirements.
  app.on(['issues.opened', 'issues.edited'], onGroupRequest);
  app.on('issue_comment.created', onRetireCommand);
  app.on('pull_request.closed', onRetirementMerged);
}
