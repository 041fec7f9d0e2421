import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { IService } from 'kubernetes-models/v1/Service';
import { signingKeyEnvName } from '../gateway/config-env.js';
import { type RegistryEntry, subgraphUrlEnvName } from '../schema/composition/registry.js';

/** The image every workload runs (the one Dockerfile); overlays set its registry and tag. */
export const IMAGE = 'cybercrime-repository-graph';
export const PART_OF = 'cybercrime-repository-graph';
export const GATEWAY_PORT = 4000;
/** The label NetworkPolicies select on: `gateway`, `core`, `partner` or `migrate`. */
export const TIER_LABEL = 'crg.unodc.org/tier';
/** Pods of PostgreSQL and Redis carry these labels (or overlays point the policies elsewhere). */
export const POSTGRES_LABELS = { 'app.kubernetes.io/name': 'postgresql' };
export const REDIS_LABELS = { 'app.kubernetes.io/name': 'redis' };

/**
 * Subgraphs that get a HorizontalPodAutoscaler besides the gateway: every benchmarked query
 * starts at member-states (`countries`), and laws serves the costliest paginated query
 * (law-search: 5 SQL statements, the most subgraph CPU per request; bench/results/2026-11-29-scale100.md).
 */
export const HEAVY_SUBGRAPHS: readonly string[] = ['member-states', 'laws'];

/**
 * Requests and limits from bench/results/2026-11-29-scale100.md (scale 100, the larger data):
 * peak RSS gateway 179 MB, 207 MB (peak 215) after 10,000 distinct ad-hoc queries, with the
 * 256 MiB heap budget of the Dockerfile; subgraphs 122–141 MB. The gateway's memory request
 * from bench/results/2026-12-07-scale1.md: 273–289 MB RSS once a gateway planned the whole mixed
 * pool (docs/scaling.md), so 320 MiB. Gateway CPU 0.7–5 ms per request
 * and subgraphs 0.3–0.9 ms per request on the paginated queries. The request sits above the
 * measured peak; the memory limit leaves room for a heavy operation (docs/performance.md, "Heavy
 * operations at this scale"). The partner subgraph was not benchmarked: it runs on embedded
 * PostgreSQL (PGlite) in its own pod. Measured once for this file (2026-12-07, hotline-reports
 * from dist/, cold start on an empty PGLITE_DIR, Node 20, the shared 2-core machine): peak RSS
 * 881 MiB while seeding, 805 MiB after; hence 1 GiB requested.
 */
export const RESOURCES: Record<'gateway' | 'core' | 'partner', IResourceRequirements> = {
  gateway: { requests: { cpu: '250m', memory: '320Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  core: { requests: { cpu: '100m', memory: '192Mi' }, limits: { cpu: '500m', memory: '384Mi' } },
  partner: { requests: { cpu: '100m', memory: '1Gi' }, limits: { cpu: '500m', memory: '1536Mi' } },
};

type Tier = 'gateway' | 'core' | 'partner' | 'migrate';

export function tierOf(entry: RegistryEntry): 'core' | 'partner' {
  return entry.tier === 'PARTNER' ? 'partner' : 'core';
}

export function portOf(entry: RegistryEntry): number {
  return Number(new URL(entry.url).port);
}

export function labelsOf(name: string, tier: Tier): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/part-of': PART_OF,
    'app.kubernetes.io/component': tier === 'gateway' || tier === 'migrate' ? tier : 'subgraph',
    [TIER_LABEL]: tier,
  };
}

/** An env var read from a key of a Secret the operator creates; never a value in git. */
function fromSecret(secret: string, key: string, optional = false): IEnvVar {
  return {
    name: key,
    valueFrom: { secretKeyRef: { name: secret, key, ...(optional && { optional }) } },
  };
}

const plain = (values: Record<string, string>): IEnvVar[] =>
  Object.entries(values).map(([name, value]) => ({ name, value }));

/** Non-root (the image's `node` user), read-only root, no privilege, nothing mounted but `/tmp`. */
function podSpec(container: IContainer, extraVolumes: IPodSpec['volumes'] = []): IPodSpec {
  return {
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    terminationGracePeriodSeconds: 30,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [
      {
        ...container,
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        },
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, ...(container.volumeMounts ?? [])],
      },
    ],
    volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }, ...extraVolumes],
  };
}

/** `/health` answers once the process listens (after migrations and seed), `/ready` when it can serve. */
function probes(
  port: number,
): Pick<IContainer, 'startupProbe' | 'livenessProbe' | 'readinessProbe'> {
  const get = (path: string) => ({ httpGet: { path, port } });
  return {
    startupProbe: { ...get('/health'), periodSeconds: 5, failureThreshold: 60 },
    livenessProbe: { ...get('/health'), periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
    readinessProbe: { ...get('/ready'), periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 },
  };
}

/**
 * Two replicas, unless an autoscaler owns the count (`autoscaled`): then the Deployment names
 * none, so that applying it again never resets what the autoscaler chose.
 */
function deployment(name: string, tier: Tier, spec: IPodSpec, autoscaled: boolean): IDeployment {
  const labels = labelsOf(name, tier);
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': PART_OF };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      ...(!autoscaled && { replicas: 2 }),
      revisionHistoryLimit: 5,
      selector: { matchLabels: selector },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: { metadata: { labels }, spec },
    },
  };
}

function service(name: string, tier: Tier, port: number): IService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: labelsOf(name, tier) },
    spec: {
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': PART_OF },
      ports: [{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

/** One pod at a time may be evicted, whatever the replica count an overlay sets. */
function disruptionBudget(name: string, tier: Tier): IPodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, labels: labelsOf(name, tier) },
    spec: {
      maxUnavailable: 1,
      selector: {
        matchLabels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': PART_OF },
      },
    },
  };
}

/** Scales on CPU against the request; overlays set the bounds (docs/scaling.md). */
function autoscaler(name: string, tier: Tier): IHorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, labels: labelsOf(name, tier) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: 2,
      maxReplicas: 6,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ],
    },
  };
}

export type Manifest =
  IDeployment | IService | IPodDisruptionBudget | IHorizontalPodAutoscaler | IJob;

/**
 * A subgraph: a core one connects to PostgreSQL and Redis as its own role and ACL user (the URLs
 * come from its Secret `crg-<name>`); a partner one reaches neither and keeps its data in
 * embedded PostgreSQL on a volume of its own, seeded at start, with the in-process cache.
 */
export function subgraphManifests(entry: RegistryEntry): Manifest[] {
  const tier = tierOf(entry);
  const port = portOf(entry);
  const secret = `crg-${entry.name}`;
  const env = [
    ...plain({ NODE_ENV: 'production', HOST: '0.0.0.0', PORT: String(port) }),
    ...(tier === 'core'
      ? [fromSecret(secret, 'DATABASE_URL'), fromSecret(secret, 'REDIS_URL')]
      : plain({ PGLITE_DIR: '/data/pglite' })),
    fromSecret(secret, 'IDENTITY_PUBLIC_KEYS'),
    fromSecret(secret, 'METRICS_TOKEN', true),
  ];
  const container: IContainer = {
    name: entry.name,
    image: IMAGE,
    command: ['node', `dist/subgraphs/${entry.name}/main.js`],
    ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
    env,
    resources: RESOURCES[tier],
    ...probes(port),
    ...(tier === 'partner' && { volumeMounts: [{ name: 'data', mountPath: '/data' }] }),
  };
  const volumes = tier === 'partner' ? [{ name: 'data', emptyDir: { sizeLimit: '1Gi' } }] : [];
  return [
    deployment(entry.name, tier, podSpec(container, volumes), HEAVY_SUBGRAPHS.includes(entry.name)),
    service(entry.name, tier, port),
    disruptionBudget(entry.name, tier),
    ...(HEAVY_SUBGRAPHS.includes(entry.name) ? [autoscaler(entry.name, tier)] : []),
  ];
}

/** The gateway: its secrets from `crg-gateway`, each subgraph at its Service's DNS name. */
export function gatewayManifests(registry: readonly RegistryEntry[]): Manifest[] {
  const secret = 'crg-gateway';
  const env = [
    ...plain({ NODE_ENV: 'production', HOST: '0.0.0.0', GATEWAY_PORT: String(GATEWAY_PORT) }),
    ...['REDIS_URL', 'IDENTITY_SIGNING_KEY', 'JWT_ISSUER', 'JWT_AUDIENCE'].map((k) =>
      fromSecret(secret, k),
    ),
    // One of the two: an HS256 secret of 32+ bytes, or the identity provider's JWKS.
    ...['JWT_SECRET', 'JWT_JWKS_URL', 'METRICS_TOKEN'].map((k) => fromSecret(secret, k, true)),
    ...registry
      .filter((e) => tierOf(e) === 'partner')
      .map((e) => fromSecret(secret, signingKeyEnvName(e.name))),
    ...registry.map((e) => ({
      name: subgraphUrlEnvName(e.name),
      value: `http://${e.name}:${portOf(e)}/graphql`,
    })),
  ];
  const container: IContainer = {
    name: 'gateway',
    image: IMAGE,
    // The heap budget of the Dockerfile: V8 collects before RSS passes ~300 MB (docs/operations.md).
    command: ['node', '--max-old-space-size=256', 'dist/gateway/main.js'],
    ports: [{ name: 'http', containerPort: GATEWAY_PORT, protocol: 'TCP' }],
    env,
    resources: RESOURCES.gateway,
    ...probes(GATEWAY_PORT),
  };
  return [
    deployment('gateway', 'gateway', podSpec(container), true),
    service('gateway', 'gateway', GATEWAY_PORT),
    disruptionBudget('gateway', 'gateway'),
    autoscaler('gateway', 'gateway'),
  ];
}

/**
 * Migrates every subgraph's schema as the administrator and lets each role log in, as the
 * `migrate` service of docker-compose.yml does; its Secret `crg-migrate` holds DATABASE_URL (the
 * administrator's) and DATABASE_PASSWORD_<SUBGRAPH> for each core subgraph.
 */
export function migrateJob(): IJob {
  const container: IContainer = {
    name: 'migrate',
    image: IMAGE,
    command: ['node', 'dist/scripts/db.js', 'migrate'],
    env: plain({ NODE_ENV: 'production' }),
    envFrom: [{ secretRef: { name: 'crg-migrate' } }],
    resources: RESOURCES.core,
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'migrate', labels: labelsOf('migrate', 'migrate') },
    spec: {
      backoffLimit: 3,
      ttlSecondsAfterFinished: 86_400,
      template: {
        metadata: { labels: labelsOf('migrate', 'migrate') },
        spec: { ...podSpec(container), restartPolicy: 'Never' },
      },
    },
  };
}
