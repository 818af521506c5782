import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * The start time of a live process, as an opaque string; undefined when there is no such
 * process or it has already exited (a zombie).
 *
 * A pid alone cannot identify a run after a restart: the system reuses pids. The pair (pid,
 * start time) can, so every check of a recorded run compares both.
 */
export function processStartTime(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ESRCH') {
      return undefined;
    }
    return startTimeFromPs(pid);
  }
  // Field 2 (the command name) is in parentheses and may itself contain spaces or ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  if (state === 'Z' || state === 'X') {
    return undefined;
  }
  // Field 22, starttime: clock ticks after boot.
  return fields[19];
}

/** True when the process recorded as (pid, startTime) still runs. */
export function isAlive(pid: number, startTime: string): boolean {
  return startTime !== '' && processStartTime(pid) === startTime;
}

/** Systems without /proc (macOS): ps prints the start time, and nothing for a missing pid. */
function startTimeFromPs(pid: number): string | undefined {
  try {
    const out = execFileSync('ps', ['-o', 'stat=,lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    }).trim();
    if (out === '' || out.startsWith('Z')) {
      return undefined;
    }
    return out.slice(out.indexOf(' ') + 1).trim();
  } catch {
    return undefined;
  }
}
