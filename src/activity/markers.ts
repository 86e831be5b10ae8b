import { createHash } from 'node:crypto';

/**
 * How the App recognizes its own issues: a hidden HTML comment (the marker) in the body, plus a
 * label. Never by title — people may retitle an issue. The GitHub side lists issues by label and
 * keeps those whose marker these helpers read.
 */

/** The label of every retirement issue (with the group's own label beside it). */
export const RETIREMENT_LABEL = 'group-retirement';
/** The label of the health dashboard issue. */
export const DASHBOARD_LABEL = 'group-dashboard';
/** The marker of the health dashboard issue. */
export const DASHBOARD_MARKER = '<!-- group-steward:dashboard -->';

const RETIREMENT_MARKER = /<!-- group-steward:retirement group=([a-z0-9]+(?:-[a-z0-9]+)*) -->/;

/** The marker of the retirement issue of group `groupId`: `<!-- group-steward:retirement group=<id> -->`. */
export function retirementMarker(groupId: string): string {
  return `<!-- group-steward:retirement group=${groupId} -->`;
}

/** The group id the first retirement marker in `body` names, or null when there is none. */
export function readRetirementMarker(body: string | null | undefined): string | null {
  return body ? (RETIREMENT_MARKER.exec(body)?.[1] ?? null) : null;
}

const EVIDENCE_MARKER = /<!-- group-steward:evidence ([0-9a-f]{16}) -->/;

/**
 * `body` ending in a hidden fingerprint of itself, `<!-- group-steward:evidence <16 hex> -->`: a
 * later run compares fingerprints, not texts, so an edit people make to the issue is not
 * overwritten unless the evidence itself changed.
 */
export function withEvidenceMarker(body: string): string {
  return `${body}<!-- group-steward:evidence ${createHash('sha256').update(body).digest('hex').slice(0, 16)} -->\n`;
}

/** True when both bodies carry the same evidence fingerprint. */
export function sameEvidence(existing: string | null | undefined, planned: string): boolean {
  const a = existing ? EVIDENCE_MARKER.exec(existing)?.[1] : undefined;
  return a !== undefined && a === EVIDENCE_MARKER.exec(planned)?.[1];
}

/** True when `body` carries the dashboard marker. */
export function hasDashboardMarker(body: string | null | undefined): boolean {
  return typeof body === 'string' && body.includes(DASHBOARD_MARKER);
}

/** True when `labels` include `label`, ignoring case (GitHub's label names are case-insensitive). */
export function hasLabel(labels: readonly string[], label: string): boolean {
  const wanted = label.toLowerCase();
  return labels.some((l) => l.toLowerCase() === wanted);
}
