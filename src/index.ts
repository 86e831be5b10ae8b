/** The Group Steward GitHub App: registers its webhook handlers (each logging with its delivery), nothing else. */
import type { Probot } from 'probot';
import { onConfigPush } from './handlers/config-events.js';
import { withDeliveryLog } from './handlers/delivery-log.js';
import {
  onCheckRunRerequested,
  onCheckSuiteRerequested,
  onPullRequest,
  onPullRequestEdited,
  onPullRequestReview,
} from './handlers/pull-request-events.js';
import { onGovernancePush, onInstallationCreated, onInstallationRepositoriesAdded } from './handlers/label-sync-events.js';
import { onGroupRequest, onRetireCommand, onRetirementMerged } from './handlers/proposal-events.js';
import { onCommentLinking, onIssueLinking, onLabelLinking, onPullRequestLinking } from './handlers/linking-events.js';

export default function groupSteward(app: Probot): void {
  app.on(
    ['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review'],
    withDeliveryLog(onPullRequest),
  );
  app.on(['pull_request_review.submitted', 'pull_request_review.edited', 'pull_request_review.dismissed'], withDeliveryLog(onPullRequestReview));
  app.on('check_run.rerequested', withDeliveryLog(onCheckRunRerequested));
  app.on('check_suite.rerequested', withDeliveryLog(onCheckSuiteRerequested));
  app.on('push', withDeliveryLog(onConfigPush));
  app.on('push', withDeliveryLog(onGovernancePush));
  app.on('installation.created', withDeliveryLog(onInstallationCreated));
  app.on('installation_repositories.added', withDeliveryLog(onInstallationRepositoriesAdded));
  app.on(['issues.opened', 'issues.edited'], withDeliveryLog(onIssueLinking));
  // Opened and synchronize are linked by `onPullRequest`, from the check's own read.
  app.on('pull_request.edited', withDeliveryLog(onPullRequestLinking));
  // A new base branch (`changes.base`) changes what the charter check compares: checked again.
  app.on('pull_request.edited', withDeliveryLog(onPullRequestEdited));
  app.on('issue_comment.created', withDeliveryLog(onCommentLinking));
  app.on(['issues.labeled', 'pull_request.labeled'], withDeliveryLog(onLabelLinking));
  // The governance loop (README § The life of a group): creation requests, retirement commands, merged retirements.
  app.on(['issues.opened', 'issues.edited'], withDeliveryLog(onGroupRequest));
  app.on('issue_comment.created', withDeliveryLog(onRetireCommand));
  app.on('pull_request.closed', withDeliveryLog(onRetirementMerged));
}
