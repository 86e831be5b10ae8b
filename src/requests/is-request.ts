/**
 * Which issues are creation requests (README § The life of a group, step 1). GitHub drops a form's
 * label that does not exist in the repository, so an issue whose body is one form's answers is a
 * request too. Pure.
 */
import { matchForm, readFormSections } from './form-answers.js';
import { GROUP_REQUEST_LABEL } from './forms.js';

/** An issue is a creation request when it carries `group-request` or its body is one form's answers. Pure. */
export function isGroupRequest(labels: readonly string[], body: string | null | undefined): boolean {
  return labels.some((l) => l.toLowerCase() === GROUP_REQUEST_LABEL) || matchForm(readFormSections(body ?? '')) !== null;
}
