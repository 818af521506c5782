import type {
  V1ConfigMap,
  V1Container,
  V1EnvVar,
  V1Job,
  V1ObjectMeta,
  V1PodSpec,
  V1Service,
  V1Volume,
  V1VolumeMount
} from '@kubernetes/client-node';
import type { JobSpec, TrainingSettings } from '@featurelab/core';
import type { KubernetesSettings } from './settings.js';

/** Labels and annotations every object of a run carries; the backend finds runs by them. */
export const LABEL_MANAGED_BY = 'app.kubernetes.io/managed-by';
export const LABEL_RUN_ID = 'featurelab.dev/run-id';
export const LABEL_JOB_ID = 'featurelab.dev/job-id';
export const LABEL_ROLE = 'featurelab.dev/role';
export const ANNOTATION_OWNER = 'featurelab.dev/owner';
export const KUEUE_QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';
/** Set by the Job controller on each pod of an Indexed Job. */
export const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';

export const CONTAINER_NAME = 'trainer';
export const CODE_DIR = '/featurelab/code';
export const CODE_FILE = 'main.py';
export const DEFAULT_COMMAND = ['python', `${CODE_DIR}/${CODE_FILE}`];
export const PYTORCH_PORT = 29500;
export const TENSORFLOW_PORT = 2222;

/** A role of a run: one batch/v1 Job (Indexed when distributed). */
export type RoleName = 'main' | 'worker' | 'chief' | 'ps';

export interface RoleManifest {
  readonly role: RoleName;
  readonly replicas: number;
  /** False for TensorFlow parameter servers: they serve until the others end. */
  readonly required: boolean;
  readonly job: V1Job;
}

/** Everything a run creates, in creation order after the Jobs: code, then Service. */
export interface RunManifests {
  readonly namespace: string;
  /** Base name of the run's objects. */
  readonly name: string;
  /** Primary (rank 0 / chief / single) first. */
  readonly roles: readonly RoleManifest[];
  readonly service: V1Service | undefined;
  readonly code: V1ConfigMap;
}

export interface RenderInput {
  readonly jobId: string;
  readonly runId: string;
  readonly owner: string;
  readonly jobName: string;
  readonly spec: JobSpec;
  readonly training: TrainingSettings;
  /** Python source run as main.py. */
  readonly source: string;
  readonly settings: KubernetesSettings;
}

/** Kubernetes object names of a run: short, DNS-1123, derived only from the run id. */
export function runObjectName(runId: string): string {
  return `fl-${runId
    .replace(/^run-/, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')}`.slice(0, 40);
}

/** Job name of a role: the base name alone for single-role runs. */
export function roleJobName(base: string, role: RoleName, distributedTf: boolean): string {
  return distributedTf ? `${base}-${role}` : base;
}

/** Pods of every role, for caps and for the number a run must see finish. */
export function podCount(training: TrainingSettings): number {
  return roleReplicas(training).reduce((sum, r) => sum + r.replicas, 0);
}

interface RoleShape {
  readonly role: RoleName;
  readonly replicas: number;
  readonly required: boolean;
}

function roleReplicas(training: TrainingSettings): RoleShape[] {
  const distributed = training.distributed;
  if (!distributed) {
    return [{ role: 'main', replicas: 1, required: true }];
  }
  if (distributed.framework === 'pytorch') {
    return [{ role: 'worker', replicas: distributed.workers, required: true }];
  }
  const shapes: RoleShape[] = [];
  if (distributed.chief ?? true) {
    shapes.push({ role: 'chief', replicas: 1, required: true });
  }
  shapes.push({ role: 'worker', replicas: distributed.workers, required: true });
  if ((distributed.parameterServers ?? 0) > 0) {
    shapes.push({ role: 'ps', replicas: distributed.parameterServers ?? 0, required: false });
  }
  return shapes;
}

/**
 * The objects of one run. Pure: the same input gives the same objects, so a service that
 * restarts while submitting creates (or finds) exactly the same names.
 */
export function renderRun(input: RenderInput): RunManifests {
  const { settings, training } = input;
  const name = runObjectName(input.runId);
  const distributed = training.distributed;
  const tf = distributed?.framework === 'tensorflow';
  const shapes = roleReplicas(training);
  const port = distributed?.port ?? (tf ? TENSORFLOW_PORT : PYTORCH_PORT);
  const hosts = (role: RoleName, replicas: number): string[] =>
    Array.from(
      { length: replicas },
      (_, index) => `${roleJobName(name, role, tf)}-${index}.${name}:${port}`
    );
  const cluster: Record<string, string[]> = {};
  for (const shape of shapes) {
    cluster[shape.role] = hosts(shape.role, shape.replicas);
  }

  const roles = shapes.map((shape): RoleManifest => {
    const jobName = roleJobName(name, shape.role, tf);
    const frameworkEnv: V1EnvVar[] = [];
    if (distributed) {
      // The pod's index within its role, from the annotation the Job controller sets; the
      // values below refer to it with $(...), which the kubelet expands.
      frameworkEnv.push({
        name: 'FEATURELAB_TASK_INDEX',
        valueFrom: {
          fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX_ANNOTATION}']` }
        }
      });
      if (distributed.framework === 'pytorch') {
        frameworkEnv.push(
          { name: 'RANK', value: '$(FEATURELAB_TASK_INDEX)' },
          { name: 'NODE_RANK', value: '$(FEATURELAB_TASK_INDEX)' },
          { name: 'WORLD_SIZE', value: String(shape.replicas) },
          { name: 'MASTER_ADDR', value: `${jobName}-0.${name}` },
          { name: 'MASTER_PORT', value: String(port) }
        );
      } else {
        const task = `{"type":"${shape.role}","index":$(FEATURELAB_TASK_INDEX)}`;
        frameworkEnv.push({
          name: 'TF_CONFIG',
          value: `{"cluster":${JSON.stringify(cluster)},"task":${task}}`
        });
      }
    }
    return {
      role: shape.role,
      replicas: shape.replicas,
      required: shape.required,
      job: roleJob(input, name, jobName, shape, frameworkEnv, distributed !== undefined)
    };
  });

  const labels = runLabels(input);
  return {
    namespace: settings.namespace,
    name,
    roles,
    service: distributed
      ? {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name, namespace: settings.namespace, labels },
          spec: {
            clusterIP: 'None',
            // Pods resolve each other before they are ready (rendezvous happens at start).
            publishNotReadyAddresses: true,
            selector: { [LABEL_RUN_ID]: input.runId },
            ports: [{ name: 'rendezvous', port, targetPort: port }]
          }
        }
      : undefined,
    code: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${name}-code`, namespace: settings.namespace, labels },
      data: { [CODE_FILE]: input.source }
    }
  };
}

function runLabels(input: RenderInput): Record<string, string> {
  return {
    [LABEL_MANAGED_BY]: 'featurelab',
    [LABEL_RUN_ID]: input.runId,
    [LABEL_JOB_ID]: input.jobId
  };
}

function roleJob(
  input: RenderInput,
  base: string,
  jobName: string,
  shape: RoleShape,
  frameworkEnv: V1EnvVar[],
  distributed: boolean
): V1Job {
  const { settings } = input;
  const labels = { ...runLabels(input), [LABEL_ROLE]: shape.role };
  const metadata: V1ObjectMeta = {
    name: jobName,
    namespace: settings.namespace,
    labels:
      settings.queue === undefined ? labels : { ...labels, [KUEUE_QUEUE_LABEL]: settings.queue },
    annotations: { [ANNOTATION_OWNER]: input.owner, 'featurelab.dev/job-name': input.jobName }
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata,
    spec: {
      // Featurelab's retry policy decides about new attempts; Kubernetes must not add its own.
      backoffLimit: 0,
      completions: shape.replicas,
      parallelism: shape.replicas,
      ...(distributed ? { completionMode: 'Indexed' } : {}),
      ttlSecondsAfterFinished: settings.ttlSecondsAfterFinished,
      // Kueue admits the job by unsuspending it.
      ...(settings.queue === undefined ? {} : { suspend: true }),
      template: {
        metadata: { labels, annotations: metadata.annotations },
        spec: podSpec(input, base, frameworkEnv, distributed)
      }
    }
  };
}

function podSpec(
  input: RenderInput,
  base: string,
  frameworkEnv: V1EnvVar[],
  distributed: boolean
): V1PodSpec {
  const { training, settings } = input;
  const resources = training.resources ?? {};
  const limits: Record<string, string> = {};
  const requests: Record<string, string> = {};
  if ((resources.gpus ?? 0) > 0) {
    limits[settings.gpuResource] = String(resources.gpus);
  }
  if (resources.cpu !== undefined) {
    limits.cpu = requests.cpu = resources.cpu;
  }
  if (resources.memory !== undefined) {
    limits.memory = requests.memory = resources.memory;
  }
  const volumes: V1Volume[] = [{ name: 'featurelab-code', configMap: { name: `${base}-code` } }];
  const mounts: V1VolumeMount[] = [
    { name: 'featurelab-code', mountPath: CODE_DIR, readOnly: true }
  ];
  for (const [index, mount] of (training.volumes ?? []).entries()) {
    const approved = settings.volumes.find(v => v.name === mount.name);
    if (approved) {
      volumes.push({
        name: `volume-${index}`,
        persistentVolumeClaim: { claimName: approved.claimName, readOnly: approved.readOnly }
      });
      mounts.push({
        name: `volume-${index}`,
        mountPath: mount.mountPath,
        readOnly: (approved.readOnly ?? false) || (mount.readOnly ?? false)
      });
    }
  }
  for (const [index, mount] of (training.secrets ?? []).entries()) {
    const approved = settings.secrets.find(s => s.name === mount.name);
    if (approved) {
      volumes.push({ name: `secret-${index}`, secret: { secretName: approved.secretName } });
      mounts.push({ name: `secret-${index}`, mountPath: mount.mountPath, readOnly: true });
    }
  }
  const nodeSelector: Record<string, string> = definedEntries(training.nodeSelector);
  if (resources.gpuType !== undefined) {
    nodeSelector[settings.gpuTypeLabel] = resources.gpuType;
  }
  const parameters = input.spec.parameters ?? {};
  const container: V1Container = {
    name: CONTAINER_NAME,
    image: training.image,
    command: [...(training.command ?? DEFAULT_COMMAND)],
    args: Object.entries(definedEntries(parameters)).map(([key, value]) => `--${key}=${value}`),
    env: [
      // User values first, with $( escaped so the kubelet never expands them.
      ...Object.entries(definedEntries(training.env)).map(([name, value]) => ({
        name,
        // A function, because "$$" in a replacement string means one "$".
        value: value.replaceAll('$(', () => '$$(')
      })),
      { name: 'FEATURELAB_JOB_ID', value: input.jobId },
      { name: 'FEATURELAB_RUN_ID', value: input.runId },
      { name: 'FEATURELAB_JOB_PARAMETERS', value: JSON.stringify(parameters) },
      { name: 'PYTHONUNBUFFERED', value: '1' },
      ...frameworkEnv
    ],
    resources: {
      ...(Object.keys(limits).length > 0 ? { limits } : {}),
      ...(Object.keys(requests).length > 0 ? { requests } : {})
    },
    volumeMounts: [
      ...mounts,
      ...(training.hostPaths ?? []).map((host, index) => ({
        name: `host-${index}`,
        mountPath: host.mountPath
      }))
    ],
    securityContext: {
      privileged: training.privileged ?? false,
      allowPrivilegeEscalation: false
    }
  };
  return {
    restartPolicy: 'Never',
    // Training code needs no Kubernetes credentials.
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    ...(training.hostNetwork ? { hostNetwork: true } : {}),
    ...(training.hostPID ? { hostPID: true } : {}),
    ...(distributed ? { subdomain: base } : {}),
    ...(Object.keys(nodeSelector).length > 0 ? { nodeSelector } : {}),
    ...(training.tolerations && training.tolerations.length > 0
      ? { tolerations: training.tolerations.map(t => ({ ...t })) }
      : {}),
    containers: [container],
    volumes: [
      ...volumes,
      ...(training.hostPaths ?? []).map((host, index) => ({
        name: `host-${index}`,
        hostPath: { path: host.path }
      }))
    ]
  };
}

/** The entries of a generated string map (its values are typed as possibly undefined). */
function definedEntries(
  map: { [key: string]: string | undefined } | undefined
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(map ?? {})) {
    if (value !== undefined) {
      result[key] = value;
    }
  }
  return result;
}
