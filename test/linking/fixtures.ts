/** A registry, a linking input builder and a simulator that applies a linking plan to its input. */
import type { Charter } from '../../src/charters/schema.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import type { Config } from '../../src/config/schema.js';
import type { LinkingInput } from '../../src/linking/plan.js';
import type { PlanAction } from '../../src/plan/actions.js';

export const REGISTRY: Charter[] = [
  {
    id: 'registry',
    name: 'Registry Working Group',
    type: 'working',
    status: 'active',
    formed: '2025-07-24',
    facilitators: ['rdimitrov', 'tadasant'],
    repos: ['modelcontextprotocol/registry'],
    paths: ['docs/registry/**'],
  },
  {
    id: 'security',
    name: 'Security Interest Group',
    type: 'interest',
    status: 'active',
    formed: '2025-08-17',
    facilitators: ['localden'],
    paths: ['.github/security/*', 'docs/security/**'],
  },
  {
    id: 'auth',
    name: 'Auth Working Group',
    type: 'working',
    status: 'active',
    formed: '2025-09-01',
    facilitators: ['pcarleton'],
    previous_ids: ['authorization'],
  },
  {
    id: 'old-wg',
    name: 'Old Working Group',
    type: 'working',
    status: 'retired',
    formed: '2025-01-01',
    paths: ['docs/old/**'],
    repos: ['modelcontextprotocol/old'],
    retired: { on: '2026-01-01', reason: 'Done.' },
  },
];

export const REPO = 'modelcontextprotocol/modelcontextprotocol';

export type InputOverrides = Partial<LinkingInput> & { linking?: Partial<Config['linking']> };

/** A comment on an issue: `/…` commands by a reader without write access, nothing else going on. */
export function input(extra: InputOverrides = {}): LinkingInput {
  const { linking, ...rest } = extra;
  return {
    repo: REPO,
    number: 7,
    kind: 'issue',
    trigger: 'comment',
    actor: 'reader',
    actorCanWrite: false,
    currentLabels: [],
    comments: [],
    registry: REGISTRY,
    config: { linking: { ...DEFAULT_CONFIG.linking, ...linking } },
    governanceRepo: 'modelcontextprotocol/modelcontextprotocol',
    layout: { kind: 'yaml', dir: 'groups' },
    ...rest,
  };
}

/**
 * The input as the same delivery would see it after `plan` was applied: labels added and removed
 * (ignoring case, as GitHub does), the App's comments created (new ids) or edited.
 */
export function applyLinkingPlan(before: LinkingInput, plan: readonly PlanAction[]): LinkingInput {
  let labels = [...before.currentLabels];
  const comments = before.comments.map((c) => ({ ...c }));
  let nextId = Math.max(1000, ...comments.map((c) => c.id)) + 1;
  for (const action of plan) {
    switch (action.kind) {
      case 'add-labels':
        for (const label of action.labels) {
          if (labels.some((l) => l.toLowerCase() === label.toLowerCase())) throw new Error(`${label} is already there`);
          labels.push(label);
        }
        break;
      case 'remove-label':
        if (!labels.includes(action.label)) throw new Error(`404: ${action.label} is not on the issue`);
        labels = labels.filter((l) => l !== action.label);
        break;
      case 'create-comment':
        comments.push({ id: nextId, body: action.body, authorIsApp: true });
        nextId += 1;
        break;
      case 'update-comment': {
        const comment = comments.find((c) => c.id === action.comment_id);
        if (!comment || !comment.authorIsApp) throw new Error(`the App cannot edit comment ${action.comment_id}`);
        comment.body = action.body;
        break;
      }
      default:
        throw new Error(`a linking plan never plans ${action.kind}`);
    }
  }
  return { ...before, currentLabels: labels, comments };
}
