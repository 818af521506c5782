import { KubeConfig } from '@kubernetes/client-node';
import { JobNotSupportedError } from '../errors.js';
import type { KubernetesSettings } from './settings.js';

/**
 * The client configuration: the service account of the pod the service runs in, a kubeconfig
 * file, or $KUBECONFIG / ~/.kube/config; then the configured context.
 *
 * @throws JobNotSupportedError when no configuration can be loaded or the context is unknown.
 */
export function loadKubeConfig(settings: KubernetesSettings): KubeConfig {
  const config = new KubeConfig();
  try {
    if (settings.inCluster) {
      config.loadFromCluster();
    } else if (settings.kubeconfig !== undefined) {
      config.loadFromFile(settings.kubeconfig);
    } else {
      config.loadFromDefault();
    }
  } catch (error) {
    throw new JobNotSupportedError(
      `cannot load the Kubernetes configuration${settings.kubeconfig ? ` ${settings.kubeconfig}` : ''}: ${error instanceof Error ? error.message : String(error)}`,
      {
        hint: 'Set jobs.kubeconfig to a readable kubeconfig file, or jobs.inCluster when the service runs in a pod.',
        cause: error
      }
    );
  }
  if (settings.context !== undefined) {
    if (!config.getContexts().some(c => c.name === settings.context)) {
      throw new JobNotSupportedError(`the kubeconfig has no context ${settings.context}`, {
        hint: `Use one of: ${
          config
            .getContexts()
            .map(c => c.name)
            .join(', ') || '(none)'
        } in jobs.context.`
      });
    }
    config.setCurrentContext(settings.context);
  }
  if (!config.getCurrentCluster()) {
    throw new JobNotSupportedError('the kubeconfig names no cluster for its current context', {
      hint: 'Point jobs.kubeconfig (or $KUBECONFIG) at a kubeconfig with a current context.'
    });
  }
  return config;
}
