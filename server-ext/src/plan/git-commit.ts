import { execFile } from 'node:child_process';

/**
 * The commit checked out in the git repository that contains `folder`, or null when the folder
 * is not in a repository, the repository has no commit yet, or git is not installed.
 * git runs with an argument array (never a shell) and a timeout.
 */
export function gitCommitOf(folder: string): Promise<string | null> {
  return new Promise(resolve => {
    execFile(
      'git',
      ['-C', folder, 'rev-parse', '--verify', '--quiet', 'HEAD^{commit}'],
      { timeout: 10_000, windowsHide: true },
      (error, stdout) => {
        const commit = String(stdout).trim();
        resolve(error === null && /^[0-9a-f]{40,64}$/.test(commit) ? commit : null);
      }
    );
  });
}
