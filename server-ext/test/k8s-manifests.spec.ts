import type { JobSpec, KubernetesJobsConfig, TrainingSettings } from '@featurelab/core';
import type { V1EnvVar, V1Job, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  COMPLETION_INDEX_ANNOTATION,
  KUEUE_QUEUE_LABEL,
  renderRun,
  runObjectName
} from '../src/jobs/kubernetes/manifests.js';
import {
  checkManifests,
  checkTrainingPolicy,
  JobPolicyError
} from '../src/jobs/kubernetes/policy.js';
import { describeRun, probeRun } from '../src/jobs/kubernetes/run-status.js';
import { kubernetesSettings } from '../src/jobs/kubernetes/settings.js';

const CONFIG: KubernetesJobsConfig = {
  kind: 'kubernetes',
  namespace: 'ml',
  images: ['registry.example.com/ml/*', 'python:3.11'],
  caps: { default: { gpus: 8, pods: 10, memory: '512Gi' }, users: { alice: { gpus: 64 } } },
  volumes: [{ name: 'datasets', claimName: 'datasets-pvc', readOnly: true }],
  secrets: [{ name: 'wandb', secretName: 'wandb-api-key' }]
};
const settings = kubernetesSettings(CONFIG, '/workspace');

function spec(training: Partial<TrainingSettings> = {}, extra: Partial<JobSpec> = {}): JobSpec {
  return {
    kind: 'training',
    code: { type: 'inline', source: 'print(1)' },
    training: { image: 'registry.example.com/ml/torch:2.5', ...training },
    ...extra
  };
}

function render(jobSpec: JobSpec, config = settings) {
  const training = checkTrainingPolicy(jobSpec, 'bob', config);
  const manifests = renderRun({
    jobId: 'job-1',
    runId: 'run-abc123',
    owner: 'bob',
    jobName: 'train',
    spec: jobSpec,
    training,
    source: 'print(1)',
    settings: config
  });
  checkManifests(manifests, config);
  return manifests;
}

function envOf(job: V1Job): Map<string, V1EnvVar> {
  return new Map(
    (job.spec?.template.spec?.containers[0].env ?? []).map(variable => [variable.name, variable])
  );
}

/** The value the kubelet would give a variable in the pod with this completion index. */
function expanded(job: V1Job, name: string, index: number): string {
  const value = envOf(job).get(name)?.value ?? '';
  return value.replaceAll('$(FEATURELAB_TASK_INDEX)', String(index));
}

describe('Kubernetes manifests', () => {
  it('renders a single-GPU job with resources, placement, volumes, secrets and parameters', () => {
    const manifests = render(
      spec(
        {
          env: { LR: '0.1', TRICKY: 'a $(HOME) b' },
          resources: { gpus: 1, gpuType: 'NVIDIA-A100', cpu: '4', memory: '16Gi' },
          nodeSelector: { pool: 'gpu' },
          tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
          volumes: [{ name: 'datasets', mountPath: '/data' }],
          secrets: [{ name: 'wandb', mountPath: '/secrets/wandb' }]
        },
        { parameters: { epochs: '3', name: "it's" } }
      )
    );
    expect(manifests.roles).toHaveLength(1);
    expect(manifests.service).toBeUndefined();
    const job = manifests.roles[0].job;
    expect(job.metadata?.name).toBe(runObjectName('run-abc123'));
    expect(job.metadata?.namespace).toBe('ml');
    expect(job.spec?.backoffLimit).toBe(0);
    expect(job.spec?.completionMode).toBeUndefined();
    const pod = job.spec?.template.spec;
    const container = pod?.containers[0];
    expect(container?.image).toBe('registry.example.com/ml/torch:2.5');
    expect(container?.command).toEqual(['python', '/featurelab/code/main.py']);
    expect(container?.args).toEqual(['--epochs=3', "--name=it's"]);
    expect(container?.resources?.limits).toEqual({
      'nvidia.com/gpu': '1',
      cpu: '4',
      memory: '16Gi'
    });
    expect(container?.resources?.requests).toEqual({ cpu: '4', memory: '16Gi' });
    expect(pod?.nodeSelector).toEqual({ pool: 'gpu', 'nvidia.com/gpu.product': 'NVIDIA-A100' });
    expect(pod?.tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }
    ]);
    expect(pod?.restartPolicy).toBe('Never');
    expect(pod?.automountServiceAccountToken).toBe(false);
    expect(pod?.volumes).toEqual([
      { name: 'featurelab-code', configMap: { name: `${manifests.name}-code` } },
      { name: 'volume-0', persistentVolumeClaim: { claimName: 'datasets-pvc', readOnly: true } },
      { name: 'secret-0', secret: { secretName: 'wandb-api-key' } }
    ]);
    expect(container?.volumeMounts?.map(m => [m.mountPath, m.readOnly])).toEqual([
      ['/featurelab/code', true],
      ['/data', true],
      ['/secrets/wandb', true]
    ]);
    const env = envOf(job);
    expect(env.get('LR')?.value).toBe('0.1');
    // The kubelet must not expand a user's $(...): it is escaped as $$(.
    expect(env.get('TRICKY')?.value).toBe('a $$(HOME) b');
    expect(JSON.parse(env.get('FEATURELAB_JOB_PARAMETERS')?.value ?? '')).toEqual({
      epochs: '3',
      name: "it's"
    });
    expect(env.has('RANK')).toBe(false);
    expect(manifests.code.data).toEqual({ 'main.py': 'print(1)' });
  });

  it('adds the Kueue queue label and starts the job suspended when a queue is configured', () => {
    const job = render(spec(), kubernetesSettings({ ...CONFIG, queue: 'team-a' }, '/w')).roles[0]
      .job;
    expect(job.metadata?.labels?.[KUEUE_QUEUE_LABEL]).toBe('team-a');
    expect(job.spec?.suspend).toBe(true);
    expect(render(spec()).roles[0].job.metadata?.labels?.[KUEUE_QUEUE_LABEL]).toBeUndefined();
  });

  it('renders distributed PyTorch as one Indexed Job with a headless Service and torch env', () => {
    const manifests = render(
      spec({ resources: { gpus: 2 }, distributed: { framework: 'pytorch', workers: 3 } })
    );
    expect(manifests.roles).toHaveLength(1);
    const job = manifests.roles[0].job;
    const name = manifests.name;
    expect(job.spec?.completionMode).toBe('Indexed');
    expect(job.spec?.completions).toBe(3);
    expect(job.spec?.parallelism).toBe(3);
    expect(job.spec?.template.spec?.subdomain).toBe(name);
    expect(manifests.service?.spec?.clusterIP).toBe('None');
    expect(manifests.service?.metadata?.name).toBe(name);
    const env = envOf(job);
    expect(env.get('FEATURELAB_TASK_INDEX')?.valueFrom?.fieldRef?.fieldPath).toBe(
      `metadata.annotations['${COMPLETION_INDEX_ANNOTATION}']`
    );
    expect(expanded(job, 'RANK', 2)).toBe('2');
    expect(env.get('WORLD_SIZE')?.value).toBe('3');
    expect(env.get('MASTER_ADDR')?.value).toBe(`${name}-0.${name}`);
    expect(env.get('MASTER_PORT')?.value).toBe('29500');
  });

  it('renders TensorFlow as one Indexed Job per role with a valid TF_CONFIG for every pod', () => {
    const manifests = render(
      spec({ distributed: { framework: 'tensorflow', workers: 2, parameterServers: 1 } })
    );
    const name = manifests.name;
    expect(manifests.roles.map(r => [r.role, r.replicas, r.required])).toEqual([
      ['chief', 1, true],
      ['worker', 2, true],
      ['ps', 1, false]
    ]);
    const cluster = {
      chief: [`${name}-chief-0.${name}:2222`],
      worker: [`${name}-worker-0.${name}:2222`, `${name}-worker-1.${name}:2222`],
      ps: [`${name}-ps-0.${name}:2222`]
    };
    for (const role of manifests.roles) {
      for (let index = 0; index < role.replicas; index += 1) {
        const config = JSON.parse(expanded(role.job, 'TF_CONFIG', index)) as unknown;
        expect(config).toEqual({ cluster, task: { type: role.role, index } });
      }
    }
  });
});

describe('Kubernetes submission policy', () => {
  const refused = (jobSpec: JobSpec, owner = 'bob'): JobPolicyError => {
    try {
      checkTrainingPolicy(jobSpec, owner, settings);
    } catch (error) {
      expect(error).toBeInstanceOf(JobPolicyError);
      return error as JobPolicyError;
    }
    throw new Error('the job was accepted');
  };

  it.each([
    ['privileged', spec({ privileged: true }), 'no-privileged'],
    ['hostNetwork', spec({ hostNetwork: true }), 'no-host-network'],
    ['hostPID', spec({ hostPID: true }), 'no-host-pid'],
    ['hostPath', spec({ hostPaths: [{ path: '/', mountPath: '/host' }] }), 'no-host-path'],
    ['an image off the list', spec({ image: 'evil.example.com/miner' }), 'image-allow-list'],
    [
      'an unapproved volume',
      spec({ volumes: [{ name: 'home', mountPath: '/h' }] }),
      'approved-volume'
    ],
    [
      'an unapproved secret',
      spec({ secrets: [{ name: 'aws', mountPath: '/s' }] }),
      'approved-secret'
    ],
    ['no training settings', { ...spec(), training: undefined }, 'training-settings'],
    [
      'too many GPUs in total',
      spec({ resources: { gpus: 4 }, distributed: { framework: 'pytorch', workers: 3 } }),
      'cap-gpus'
    ],
    ['too many pods', spec({ distributed: { framework: 'pytorch', workers: 11 } }), 'cap-pods'],
    ['too much memory', spec({ resources: { memory: '1Ti' } }), 'cap-memory'],
    [
      'TensorFlow roles on PyTorch',
      spec({ distributed: { framework: 'pytorch', workers: 2, parameterServers: 1 } }),
      'framework-roles'
    ]
  ])('refuses %s, naming the rule and the fix', (_what, jobSpec, rule) => {
    const error = refused(jobSpec);
    expect(error.rule).toBe(rule);
    expect(error.message).toContain(`policy rule ${rule}`);
    expect(error.hint).toBeTruthy();
  });

  it('applies per-user caps', () => {
    const big = spec({ resources: { gpus: 8 }, distributed: { framework: 'pytorch', workers: 4 } });
    expect(refused(big, 'bob').message).toContain('jobs.caps.default');
    expect(() => checkTrainingPolicy(big, 'alice', settings)).not.toThrow();
  });

  it('refuses every image when no allow-list is configured', () => {
    const open = kubernetesSettings({ kind: 'kubernetes', namespace: 'ml' }, '/w');
    expect(() => checkTrainingPolicy(spec(), 'bob', open)).toThrow(JobPolicyError);
    try {
      checkTrainingPolicy(spec(), 'bob', open);
    } catch (error) {
      expect((error as JobPolicyError).hint).toContain('jobs.images');
    }
  });

  it('checks the rendered objects too', () => {
    const manifests = render(spec());
    const pod = manifests.roles[0].job.spec?.template.spec;
    if (pod) {
      pod.hostNetwork = true;
    }
    expect(() => checkManifests(manifests, settings)).toThrow(/no-host-network/);
    const elsewhere = render(spec());
    if (elsewhere.code.metadata) {
      elsewhere.code.metadata.namespace = 'kube-system';
    }
    expect(() => checkManifests(elsewhere, settings)).toThrow(/policy rule namespace/);
  });
});

describe('Kubernetes run status', () => {
  const job = (name: string, conditions: Array<[string, string?]>, role = 'main'): V1Job => ({
    metadata: { name, uid: `uid-${name}`, labels: { 'featurelab.dev/role': role } },
    status: {
      conditions: conditions.map(([type, reason]) => ({
        type,
        status: 'True',
        reason,
        lastTransitionTime: new Date('2026-01-01T00:00:00Z')
      }))
    }
  });
  const pod = (owner: string, status: V1Pod['status']): V1Pod => ({
    metadata: {
      name: `${owner}-x`,
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: owner, uid: `uid-${owner}` }]
    },
    status
  });

  it('is running while pods are Pending, and says why', () => {
    const objects = {
      jobs: [job('a', [])],
      pods: [
        pod('a', {
          phase: 'Pending',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message: '0/2 nodes are available: 2 Insufficient nvidia.com/gpu.'
            }
          ]
        })
      ],
      expectedJobs: ['a']
    };
    expect(probeRun(objects)).toEqual({ status: 'running' });
    expect(describeRun(objects).summary).toContain('Insufficient nvidia.com/gpu');
    expect(describeRun(objects).pods[0]).toMatchObject({
      phase: 'Pending',
      reason: 'Unschedulable'
    });
  });

  it('fails with the exit code and reason of the failed pod (OOMKilled says what to do)', () => {
    const failed = (reason: string, exitCode: number) => ({
      jobs: [job('a', [['Failed', 'BackoffLimitExceeded']])],
      pods: [
        pod('a', {
          phase: 'Failed',
          containerStatuses: [
            {
              name: 'trainer',
              image: 'i',
              imageID: '',
              ready: false,
              restartCount: 0,
              state: { terminated: { exitCode, reason } }
            }
          ]
        })
      ],
      expectedJobs: ['a']
    });
    expect(probeRun(failed('Error', 3))).toMatchObject({
      status: 'exited',
      exitCode: 3,
      error: expect.stringContaining('exit code 3') as unknown
    });
    expect(probeRun(failed('OOMKilled', 137))).toMatchObject({
      exitCode: 137,
      error: expect.stringContaining('resources.memory') as unknown
    });
  });

  it('succeeds when every required role completed, ignoring parameter servers', () => {
    const objects = {
      jobs: [
        job('c', [['Complete']], 'chief'),
        job('w', [['Complete']], 'worker'),
        job('p', [], 'ps')
      ],
      pods: [],
      expectedJobs: ['c', 'w', 'p']
    };
    expect(probeRun(objects)).toMatchObject({ status: 'exited', exitCode: 0 });
    expect(probeRun({ ...objects, jobs: objects.jobs.slice(0, 1) })).toEqual({ status: 'running' });
  });

  it('is gone when its Jobs no longer exist', () => {
    expect(probeRun({ jobs: [], pods: [], expectedJobs: ['a'] })).toMatchObject({
      status: 'gone',
      reason: expect.stringContaining('no longer exists') as unknown
    });
  });
});
