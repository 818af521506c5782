import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import root from '../../vitest.config.mjs';

// The Kubernetes tier: the job service's Kubernetes backend against a real control plane
// (etcd, kube-apiserver, controller-manager, scheduler, kwok GPU nodes). Needs KUBECONFIG and
// FEATURELAB_K8S_DIR; scripts/test-k8s.sh starts the control plane and sets them.
// Run from the repo root: npx vitest run --config server-ext/test-k8s/vitest.config.mts
export default defineConfig({
  ...root,
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    ...root.test,
    include: ['server-ext/test-k8s/**/*.spec.ts'],
    globalSetup: ['server-ext/test-k8s/global-setup.ts'],
    // One control plane on a small machine: files run one after another.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000
  }
});
