import { existsSync } from 'node:fs';

/** The tier needs a running control plane; without one it fails, saying how to start it. */
export default function requireControlPlane(): void {
  const kubeconfig = process.env.KUBECONFIG;
  const state = process.env.FEATURELAB_K8S_DIR;
  if (!kubeconfig || !existsSync(kubeconfig) || !state) {
    throw new Error(
      'the k8s tier needs a running control plane (KUBECONFIG and FEATURELAB_K8S_DIR): run scripts/test-k8s.sh, or `eval "$(scripts/k8s.sh start)"` first'
    );
  }
}
