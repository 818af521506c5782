import type { JobRunState } from '@featurelab/core';
import { JobStateError } from './errors.js';

/**
 * Every state change a run may make. This table is the only place that decides; the store
 * checks each write against it, so no code path can, say, revive a cancelled run.
 *
 * `submitting` exists so that a run claimed by one scheduler is never started by another, and
 * so a service that stops while starting a run can tell, on restart, that it must look for it.
 */
const TRANSITIONS: Readonly<Record<JobRunState, readonly JobRunState[]>> = {
  queued: ['submitting', 'cancelled'],
  submitting: ['running', 'failed', 'cancelling', 'cancelled', 'lost'],
  running: ['succeeded', 'failed', 'cancelling', 'lost'],
  // A program may finish on its own before the signal reaches it.
  cancelling: ['cancelled', 'succeeded', 'failed', 'lost'],
  succeeded: [],
  failed: [],
  cancelled: [],
  lost: []
};

export const TERMINAL_STATES: readonly JobRunState[] = ['succeeded', 'failed', 'cancelled', 'lost'];

/** States of a run that a backend is (or may be) executing. */
export const ACTIVE_STATES: readonly JobRunState[] = ['submitting', 'running', 'cancelling'];

export function isTerminal(state: JobRunState): boolean {
  return TERMINAL_STATES.includes(state);
}

export function canTransition(from: JobRunState, to: JobRunState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** @throws JobStateError when the table does not allow from -> to. */
export function assertTransition(runId: string, from: JobRunState, to: JobRunState): void {
  if (!canTransition(from, to)) {
    throw new JobStateError(`run ${runId} cannot go from ${from} to ${to}`, {
      hint: isTerminal(from)
        ? 'The run has already ended; retry the job to run it again.'
        : 'Refresh the job: its state changed meanwhile.'
    });
  }
}
