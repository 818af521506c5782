import type { KubernetesJobsConfig } from '@featurelab/core';
import type { Logger } from '../../logger.js';
import { loadKubeConfig } from './client.js';
import { KubernetesJobBackend } from './kubernetes-backend.js';
import { kubernetesSettings } from './settings.js';

export interface CreateKubernetesBackendOptions {
  readonly config: KubernetesJobsConfig;
  readonly workspace: string;
  readonly logger: Logger;
  readonly onChange?: () => void;
}

/**
 * The backend for `"jobs": {"kind": "kubernetes", ...}`.
 *
 * @throws JobNotSupportedError when the Kubernetes configuration cannot be loaded.
 */
export function createKubernetesBackend(
  options: CreateKubernetesBackendOptions
): KubernetesJobBackend {
  const settings = kubernetesSettings(options.config, options.workspace);
  return new KubernetesJobBackend({
    settings,
    kubeConfig: loadKubeConfig(settings),
    workspace: options.workspace,
    logger: options.logger,
    ...(options.onChange === undefined ? {} : { onChange: options.onChange })
  });
}
