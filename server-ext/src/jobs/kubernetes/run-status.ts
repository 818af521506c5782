import type { BackendPodStatus, BackendRunStatus } from '@featurelab/core';
import type { V1Job, V1Pod } from '@kubernetes/client-node';
import type { RunProbe } from '../backend.js';
import { COMPLETION_INDEX_ANNOTATION, CONTAINER_NAME, LABEL_ROLE } from './manifests.js';

/** The Kubernetes objects of one run, as the watch caches (or a list) see them. */
export interface RunObjects {
  readonly jobs: readonly V1Job[];
  readonly pods: readonly V1Pod[];
  /** Job names the run was created with (from its handle); empty when unknown. */
  readonly expectedJobs: readonly string[];
}

/** A role is required unless it serves the others (TensorFlow parameter servers). */
function required(job: V1Job): boolean {
  return job.metadata?.labels?.[LABEL_ROLE] !== 'ps';
}

function condition(
  job: V1Job,
  type: string
): { at?: Date; reason?: string; message?: string } | undefined {
  const found = job.status?.conditions?.find(c => c.type === type && c.status === 'True');
  return found
    ? {
        ...(found.lastTransitionTime ? { at: new Date(found.lastTransitionTime) } : {}),
        ...(found.reason ? { reason: found.reason } : {}),
        ...(found.message ? { message: found.message } : {})
      }
    : undefined;
}

/**
 * Where a run is, from its Jobs and pods: failed as soon as any role's Job failed (with the
 * exit code and reason of the pod that failed), succeeded when every required role completed,
 * gone when none of its Jobs exists any more, running otherwise (including Pending pods).
 */
export function probeRun(objects: RunObjects, now: Date = new Date()): RunProbe {
  const { jobs } = objects;
  if (jobs.length === 0) {
    return {
      status: 'gone',
      reason:
        objects.expectedJobs.length > 0
          ? `the Kubernetes Job ${objects.expectedJobs[0]} no longer exists (deleted outside Featurelab?)`
          : 'the service stopped while submitting this run, and no Kubernetes Job of it was found'
    };
  }
  for (const job of jobs) {
    const failed = condition(job, 'Failed');
    if (failed) {
      const pod = failedPod(objects.pods, job);
      const terminated = pod ? terminatedState(pod) : undefined;
      return {
        status: 'exited',
        exitCode: terminated?.exitCode ?? 1,
        signal: null,
        endedAt: (failed.at ?? now).toISOString(),
        error: failureText(job, pod, failed)
      };
    }
  }
  const missing = objects.expectedJobs.filter(name => !jobs.some(j => j.metadata?.name === name));
  const requiredJobs = jobs.filter(required);
  const complete = requiredJobs.map(job => condition(job, 'Complete'));
  if (missing.length === 0 && requiredJobs.length > 0 && complete.every(c => c !== undefined)) {
    const ended = complete.reduce<Date | undefined>(
      (latest, c) => (c?.at && (!latest || c.at > latest) ? c.at : latest),
      undefined
    );
    return {
      status: 'exited',
      exitCode: 0,
      signal: null,
      endedAt: (ended ?? now).toISOString()
    };
  }
  return { status: 'running' };
}

function failedPod(pods: readonly V1Pod[], job: V1Job): V1Pod | undefined {
  const own = pods.filter(p => p.metadata?.ownerReferences?.some(o => o.uid === job.metadata?.uid));
  return (
    own.find(p => (terminatedState(p)?.exitCode ?? 0) !== 0) ??
    own.find(p => p.status?.phase === 'Failed')
  );
}

function terminatedState(pod: V1Pod): { exitCode: number; reason?: string } | undefined {
  const status =
    pod.status?.containerStatuses?.find(c => c.name === CONTAINER_NAME) ??
    pod.status?.containerStatuses?.[0];
  const terminated = status?.state?.terminated ?? status?.lastState?.terminated;
  return terminated
    ? { exitCode: terminated.exitCode, ...(terminated.reason ? { reason: terminated.reason } : {}) }
    : undefined;
}

function failureText(
  job: V1Job,
  pod: V1Pod | undefined,
  failed: { reason?: string; message?: string }
): string {
  const terminated = pod ? terminatedState(pod) : undefined;
  if (pod && terminated) {
    const role = pod.metadata?.labels?.[LABEL_ROLE] ?? 'main';
    const index = pod.metadata?.annotations?.[COMPLETION_INDEX_ANNOTATION];
    const who = `pod ${pod.metadata?.name ?? '?'} (${role}${index === undefined ? '' : ` ${index}`})`;
    if (terminated.reason === 'OOMKilled') {
      return `${who} was OOMKilled: it ran out of memory (exit code ${terminated.exitCode}); raise training.resources.memory`;
    }
    return `${who} failed with exit code ${terminated.exitCode}${terminated.reason ? ` (${terminated.reason})` : ''}`;
  }
  const reason = [failed.reason, failed.message].filter(Boolean).join(': ');
  return `Kubernetes Job ${job.metadata?.name ?? '?'} failed${reason ? `: ${reason}` : ''}`;
}

/** Per-pod status and a one-line summary that says why pods wait or failed. */
export function describeRun(objects: RunObjects): BackendRunStatus {
  const pods = [...objects.pods]
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))
    .map(podStatus);
  const counts = new Map<string, number>();
  for (const pod of pods) {
    counts.set(pod.phase, (counts.get(pod.phase) ?? 0) + 1);
  }
  const parts = [...counts].map(([phase, n]) => `${n} ${phase}`);
  const waiting = pods.find(p => p.phase === 'Pending' && p.message !== undefined);
  const failed = pods.find(p => p.phase === 'Failed');
  const suspended = objects.jobs.some(j => j.spec?.suspend === true);
  let summary = parts.length > 0 ? `pods: ${parts.join(', ')}` : 'no pods yet';
  if (suspended) {
    summary += '; waiting for admission by the Kueue queue';
  } else if (waiting) {
    summary += `; ${waiting.name} is Pending: ${waiting.reason ?? ''}${waiting.reason ? ': ' : ''}${waiting.message ?? ''}`;
  } else if (failed) {
    summary += `; ${failed.name} failed${failed.exitCode === undefined ? '' : ` with exit code ${failed.exitCode}`}${failed.reason ? ` (${failed.reason})` : ''}`;
  }
  return { summary, pods };
}

function podStatus(pod: V1Pod): BackendPodStatus {
  const terminated = terminatedState(pod);
  const scheduled = pod.status?.conditions?.find(c => c.type === 'PodScheduled');
  const waiting = pod.status?.containerStatuses?.find(c => c.state?.waiting)?.state?.waiting;
  const phase = pod.status?.phase ?? 'Pending';
  let reason: string | undefined;
  let message: string | undefined;
  if (terminated && phase !== 'Running') {
    reason = terminated.reason;
  } else if (scheduled?.status === 'False') {
    reason = scheduled.reason ?? 'Unschedulable';
    message = scheduled.message;
  } else if (waiting) {
    reason = waiting.reason;
    message = waiting.message;
  }
  const index = pod.metadata?.annotations?.[COMPLETION_INDEX_ANNOTATION];
  return {
    name: pod.metadata?.name ?? '',
    role: roleOf(pod, index),
    ...(index === undefined ? {} : { index: Number(index) }),
    phase,
    ...(pod.spec?.nodeName ? { node: pod.spec.nodeName } : {}),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
    ...(terminated && phase !== 'Running' ? { exitCode: terminated.exitCode } : {})
  };
}

function roleOf(pod: V1Pod, index: string | undefined): string {
  const role = pod.metadata?.labels?.[LABEL_ROLE] ?? 'main';
  // In a PyTorch run, rank 0 is the master the others rendezvous with.
  return role === 'worker' && index === '0' && !pod.metadata?.name?.includes('-worker-')
    ? 'master'
    : role;
}
