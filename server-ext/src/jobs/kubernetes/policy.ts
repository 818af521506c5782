import { FeaturelabError, type JobSpec, type TrainingSettings } from '@featurelab/core';
import type { V1PodSpec } from '@kubernetes/client-node';
import { podCount, type RunManifests } from './manifests.js';
import { cpuMillis, memoryBytes } from './quantity.js';
import { capOf, type KubernetesSettings } from './settings.js';

/** The rules a training job must pass before anything is sent to the API server. */
export type PolicyRule =
  | 'training-settings'
  | 'image-allow-list'
  | 'no-privileged'
  | 'no-host-network'
  | 'no-host-pid'
  | 'no-host-path'
  | 'approved-volume'
  | 'approved-secret'
  | 'framework-roles'
  | 'namespace'
  | 'cap-gpus'
  | 'cap-pods'
  | 'cap-cpu'
  | 'cap-memory';

/** A job refused by a submission policy rule; `rule` names it, the hint says how to comply. */
export class JobPolicyError extends FeaturelabError {
  readonly rule: PolicyRule;

  constructor(rule: PolicyRule, message: string, fix: string) {
    super('JobPolicyError', `policy rule ${rule}: ${message}`, { hint: fix });
    this.rule = rule;
  }
}

/**
 * Check a training job against the configuration before submission: what it asks for
 * (privileges, host access, images, volumes, totals against the user's caps).
 *
 * @throws JobPolicyError naming the first rule it breaks.
 */
export function checkTrainingPolicy(
  spec: JobSpec,
  owner: string,
  settings: KubernetesSettings
): TrainingSettings {
  const training = spec.training;
  if (!training) {
    throw new JobPolicyError(
      'training-settings',
      'a Kubernetes training job needs "training" settings (at least the image)',
      'Add "training": {"image": "<an allowed image>", "resources": {"gpus": 1}} to the job.'
    );
  }
  if (!imageAllowed(training.image, settings.images)) {
    throw new JobPolicyError(
      'image-allow-list',
      `the image ${training.image} is not in the allow-list`,
      settings.images.length === 0
        ? 'No image is allowed yet: an administrator must list images in jobs.images of the service configuration.'
        : `Use an allowed image: ${settings.images.join(', ')}; or ask an administrator to add it to jobs.images.`
    );
  }
  if (training.privileged) {
    throw new JobPolicyError(
      'no-privileged',
      'privileged containers are not allowed',
      'Remove "privileged" from training; GPUs are available without it through resources.gpus.'
    );
  }
  if (training.hostNetwork) {
    throw new JobPolicyError(
      'no-host-network',
      "the node's network (hostNetwork) is not allowed",
      'Remove "hostNetwork"; distributed jobs reach each other through their headless Service.'
    );
  }
  if (training.hostPID) {
    throw new JobPolicyError(
      'no-host-pid',
      "the node's process namespace (hostPID) is not allowed",
      'Remove "hostPID" from training.'
    );
  }
  if (training.hostPaths && training.hostPaths.length > 0) {
    throw new JobPolicyError(
      'no-host-path',
      `node folders (hostPath ${training.hostPaths.map(h => h.path).join(', ')}) are not allowed`,
      'Mount data through an approved volume (training.volumes, listed in jobs.volumes) instead.'
    );
  }
  for (const volume of training.volumes ?? []) {
    if (!settings.volumes.some(v => v.name === volume.name)) {
      throw new JobPolicyError(
        'approved-volume',
        `the volume ${volume.name} is not in the approved list`,
        approvedHint(
          'volumes',
          settings.volumes.map(v => v.name)
        )
      );
    }
  }
  for (const secret of training.secrets ?? []) {
    if (!settings.secrets.some(s => s.name === secret.name)) {
      throw new JobPolicyError(
        'approved-secret',
        `the secret ${secret.name} is not in the approved list`,
        approvedHint(
          'secrets',
          settings.secrets.map(s => s.name)
        )
      );
    }
  }
  const distributed = training.distributed;
  if (
    distributed?.framework === 'pytorch' &&
    (distributed.parameterServers !== undefined || distributed.chief !== undefined)
  ) {
    throw new JobPolicyError(
      'framework-roles',
      'parameter servers and a chief are TensorFlow roles; a PyTorch job has only workers',
      'Remove "parameterServers" and "chief", or set "framework": "tensorflow".'
    );
  }
  checkCaps(training, owner, settings);
  return training;
}

function checkCaps(training: TrainingSettings, owner: string, settings: KubernetesSettings): void {
  const cap = capOf(settings, owner);
  const pods = podCount(training);
  const resources = training.resources ?? {};
  const where = Object.hasOwn(settings.userCaps, owner)
    ? `jobs.caps.users["${owner}"]`
    : 'jobs.caps.default';
  if (cap.pods !== undefined && pods > cap.pods) {
    throw new JobPolicyError(
      'cap-pods',
      `the job runs ${pods} pods; ${owner} may run at most ${cap.pods} per job (${where})`,
      `Use fewer workers or parameter servers (at most ${cap.pods} pods), or ask an administrator to raise ${where}.pods.`
    );
  }
  const gpus = (resources.gpus ?? 0) * pods;
  if (cap.gpus !== undefined && gpus > cap.gpus) {
    throw new JobPolicyError(
      'cap-gpus',
      `the job asks for ${gpus} GPUs (${resources.gpus ?? 0} × ${pods} pods); ${owner} may use at most ${cap.gpus} per job (${where})`,
      `Ask for at most ${cap.gpus} GPUs in total, or ask an administrator to raise ${where}.gpus.`
    );
  }
  if (cap.cpu !== undefined && resources.cpu !== undefined) {
    const total = cpuMillis(resources.cpu) * pods;
    if (total > cpuMillis(cap.cpu)) {
      throw new JobPolicyError(
        'cap-cpu',
        `the job asks for ${total / 1000} CPU cores (${resources.cpu} × ${pods} pods); the cap is ${cap.cpu} (${where})`,
        `Lower resources.cpu, or ask an administrator to raise ${where}.cpu.`
      );
    }
  }
  if (cap.memory !== undefined && resources.memory !== undefined) {
    const total = memoryBytes(resources.memory) * pods;
    if (total > memoryBytes(cap.memory)) {
      throw new JobPolicyError(
        'cap-memory',
        `the job asks for ${resources.memory} × ${pods} pods of memory; the cap is ${cap.memory} (${where})`,
        `Lower resources.memory, or ask an administrator to raise ${where}.memory.`
      );
    }
  }
}

/**
 * The rendered objects, checked again: whatever the renderer or a future option produces, no
 * pod leaves with privileges, host access or another namespace.
 *
 * @throws JobPolicyError
 */
export function checkManifests(manifests: RunManifests, settings: KubernetesSettings): void {
  const objects = [
    manifests.code,
    ...(manifests.service ? [manifests.service] : []),
    ...manifests.roles.map(r => r.job)
  ];
  for (const object of objects) {
    if (object.metadata?.namespace !== settings.namespace) {
      throw new JobPolicyError(
        'namespace',
        `${object.kind ?? 'an object'} ${object.metadata?.name ?? ''} is not in the configured namespace ${settings.namespace}`,
        'Jobs are created only in jobs.namespace of the service configuration.'
      );
    }
  }
  for (const role of manifests.roles) {
    const pod = role.job.spec?.template.spec;
    if (pod) {
      checkPod(pod);
    }
  }
}

function checkPod(pod: V1PodSpec): void {
  if (pod.hostNetwork) {
    throw new JobPolicyError(
      'no-host-network',
      'a pod would use hostNetwork',
      'Remove "hostNetwork".'
    );
  }
  if (pod.hostPID) {
    throw new JobPolicyError('no-host-pid', 'a pod would use hostPID', 'Remove "hostPID".');
  }
  if ((pod.volumes ?? []).some(v => v.hostPath !== undefined)) {
    throw new JobPolicyError(
      'no-host-path',
      'a pod would mount a hostPath volume',
      'Use an approved volume instead.'
    );
  }
  for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
    if (container.securityContext?.privileged) {
      throw new JobPolicyError(
        'no-privileged',
        `container ${container.name} would run privileged`,
        'Remove "privileged".'
      );
    }
  }
}

/** An exact entry, or a prefix entry ending in "*". */
export function imageAllowed(image: string, allowList: readonly string[]): boolean {
  return allowList.some(entry =>
    entry.endsWith('*') ? image.startsWith(entry.slice(0, -1)) : image === entry
  );
}

function approvedHint(kind: 'volumes' | 'secrets', names: readonly string[]): string {
  return names.length === 0
    ? `No ${kind} are approved: an administrator lists them in jobs.${kind} of the service configuration.`
    : `Use one of: ${names.join(', ')}; or ask an administrator to add it to jobs.${kind}.`;
}
