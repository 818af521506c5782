import path from 'node:path';
import type {
  KubernetesApprovedSecret,
  KubernetesApprovedVolume,
  KubernetesJobsConfig,
  KubernetesResourceCap
} from '@featurelab/core';

/** The `jobs` configuration of the Kubernetes backend with every default applied. */
export interface KubernetesSettings {
  readonly namespace: string;
  readonly context: string | undefined;
  /** Absolute kubeconfig path; undefined: $KUBECONFIG, then ~/.kube/config. */
  readonly kubeconfig: string | undefined;
  readonly inCluster: boolean;
  readonly images: readonly string[];
  readonly defaultCap: KubernetesResourceCap;
  readonly userCaps: Readonly<Record<string, KubernetesResourceCap | undefined>>;
  readonly queue: string | undefined;
  readonly volumes: readonly KubernetesApprovedVolume[];
  readonly secrets: readonly KubernetesApprovedSecret[];
  readonly gpuResource: string;
  readonly gpuTypeLabel: string;
  readonly ttlSecondsAfterFinished: number;
}

export function kubernetesSettings(
  config: KubernetesJobsConfig,
  workspace: string
): KubernetesSettings {
  return {
    namespace: config.namespace,
    context: config.context,
    kubeconfig:
      config.kubeconfig === undefined ? undefined : path.resolve(workspace, config.kubeconfig),
    inCluster: config.inCluster ?? false,
    images: config.images ?? [],
    defaultCap: config.caps?.default ?? {},
    userCaps: config.caps?.users ?? {},
    queue: config.queue,
    volumes: config.volumes ?? [],
    secrets: config.secrets ?? [],
    gpuResource: config.gpuResource ?? 'nvidia.com/gpu',
    gpuTypeLabel: config.gpuTypeLabel ?? 'nvidia.com/gpu.product',
    ttlSecondsAfterFinished: config.ttlSecondsAfterFinished ?? 86_400
  };
}

/** The cap that applies to a user: their own entry, else the default. */
export function capOf(settings: KubernetesSettings, username: string): KubernetesResourceCap {
  return (
    (Object.hasOwn(settings.userCaps, username) ? settings.userCaps[username] : undefined) ??
    settings.defaultCap
  );
}
