/** A person's permission on a repository, for commands that need write access. */
import type { GitHub } from './client.js';
import { repoParams } from './client.js';

/**
 * Whether `login` has write access (write, maintain or admin) to `repo`: one request,
 * `GET /repos/{owner}/{repo}/collaborators/{username}/permission`, whose `permission` folds
 * maintain into write and triage into read. Someone GitHub does not know as a collaborator
 * (404) has no write access.
 *
 * @throws any other HTTP error GitHub answers with
 */
export async function hasWriteAccess(gh: GitHub, repo: string, login: string): Promise<boolean> {
  try {
    const { data } = await gh.rest.repos.getCollaboratorPermissionLevel({ ...repoParams(repo), username: login });
    return data.permission === 'admin' || data.permission === 'write';
  } catch (error) {
    if ((error as { status?: unknown } | null)?.status === 404) return false;
    throw error;
  }
}
