import { readFile } from 'node:fs/promises';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { projectPath } from '../../loaders/project-path.js';
import {
  type RegistryEntry,
  readRegistry,
  subgraphUrlEnvName,
} from '../../schema/composition/registry.js';
import { DNS_PEER } from '../../scripts/kubernetes-policies.js';
import {
  HEAVY_SUBGRAPHS,
  labelsOf,
  portOf,
  POSTGRES_LABELS,
  REDIS_LABELS,
  tierOf,
} from '../../scripts/kubernetes-workloads.js';
import { unknownFields } from '../support/kube-fields.js';
import {
  type KubeObject,
  kustomize,
  noKubectlReason,
  skipWithoutKubectl,
} from '../support/kubectl.js';

const OVERLAYS = ['staging', 'production'];
/** Names of variables that hold credentials: they may only come from a Secret. */
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|KEY|DATABASE_URL|REDIS_URL/;

type Validatable = new (data: unknown) => { validate(): void };

/**
 * Validates with kubernetes-models (pinned 5.1.0): its validators are compiled from the upstream
 * Kubernetes OpenAPI schemas and ship in the package, so this runs offline. Those schemas allow
 * unknown fields: `unknownFields` (test/support/kube-fields.ts) finds those.
 */
async function validate(object: KubeObject): Promise<void> {
  const module: Record<string, unknown> = await import(
    /* @vite-ignore */
    `kubernetes-models/${object.apiVersion}/${object.kind}`
  );
  const model = module[object.kind];
  if (typeof model !== 'function') {
    throw new Error(`kubernetes-models has no ${object.apiVersion} ${object.kind}`);
  }
  new (model as Validatable)(object).validate();
}

/** Whether a `matchLabels` selector (the only form the manifests use) picks these labels. */
function selects(
  selector: { matchLabels?: Record<string, string> } | undefined,
  labels: Record<string, string>,
) {
  expect(Object.keys(selector ?? {}).filter((k) => k !== 'matchLabels')).toEqual([]);
  return Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
}

/** The objects of one kind, typed as kubernetes-models describes them. */
const ofKind = <T>(objects: KubeObject[], kind: string): (KubeObject & T)[] =>
  objects.filter((o): o is KubeObject & T => o.kind === kind);

describe.skipIf(skipWithoutKubectl)(`deploy/kubernetes overlays ${noKubectlReason ?? ''}`, () => {
  let registry: RegistryEntry[];
  const rendered = new Map<string, KubeObject[]>();
  beforeAll(async () => {
    registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
    for (const overlay of OVERLAYS) {
      rendered.set(
        overlay,
        await kustomize(projectPath('deploy', 'kubernetes', 'overlays', overlay)),
      );
    }
  }, 60_000);
  const each =
    (test: (objects: KubeObject[], overlay: string) => Promise<void> | void) => async () => {
      for (const overlay of OVERLAYS) {
        await test(rendered.get(overlay) ?? [], overlay);
      }
    };

  it(
    'renders every overlay into objects valid against the Kubernetes schemas',
    each(async (objects, overlay) => {
      expect(objects.length).toBeGreaterThan(20);
      for (const object of objects) {
        await expect(
          validate(object),
          `${overlay}: ${object.kind}/${object.metadata.name}`,
        ).resolves.toBeUndefined();
      }
    }),
  );

  it(
    'defines no field the Kubernetes API lacks, at any depth (its schemas would accept one)',
    each((objects, overlay) => {
      expect(unknownFields(objects), overlay).toEqual([]);
    }),
    60_000,
  );

  it(
    'runs every registered subgraph and points the gateway at each, and at nothing else',
    each((objects, overlay) => {
      const deployments = ofKind<IDeployment>(objects, 'Deployment');
      const names = new Set(deployments.map((d) => d.metadata?.name));
      for (const kind of ['Service', 'PodDisruptionBudget']) {
        expect(new Set(objects.filter((o) => o.kind === kind).map((o) => o.metadata.name))).toEqual(
          names,
        );
      }
      expect([...names].sort()).toEqual(['gateway', ...registry.map((e) => e.name)].sort());
      const gatewayEnv =
        deployments.find((d) => d.metadata?.name === 'gateway')?.spec?.template.spec?.containers[0]
          ?.env ?? [];
      expect(
        Object.fromEntries(
          gatewayEnv
            .filter((e) => e.name.startsWith('SUBGRAPH_URL_'))
            .map((e) => [e.name, e.value]),
        ),
      ).toEqual(
        Object.fromEntries(
          registry.map((e) => [
            subgraphUrlEnvName(e.name),
            `http://${e.name}:${portOf(e)}/graphql`,
          ]),
        ),
      );
      const scaled = ofKind<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler').map(
        (h) => h.spec?.scaleTargetRef.name,
      );
      expect(scaled.sort()).toEqual(['gateway', ...HEAVY_SUBGRAPHS].sort());
      // The autoscaler owns their count in production: a reapplied Deployment must not reset it.
      if (overlay === 'production') {
        const fixed = deployments
          .filter((d) => d.spec?.replicas !== undefined)
          .map((d) => d.metadata?.name);
        expect(fixed.filter((name) => scaled.includes(name))).toEqual([]);
      }
    }),
  );

  it(
    'probes /health and /ready, sets requests and limits, and runs non-root on a read-only root',
    each((objects) => {
      for (const deployment of ofKind<IDeployment>(objects, 'Deployment')) {
        const pod = deployment.spec?.template.spec;
        expect(pod?.securityContext?.runAsNonRoot).toBe(true);
        for (const c of pod?.containers ?? []) {
          const port = c.ports?.[0]?.containerPort;
          expect(c.livenessProbe?.httpGet).toEqual({ path: '/health', port });
          expect(c.readinessProbe?.httpGet).toEqual({ path: '/ready', port });
          expect(Object.keys(c.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
          expect(Object.keys(c.resources?.limits ?? {}).sort()).toEqual(['cpu', 'memory']);
          expect(c.securityContext).toMatchObject({
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
          });
          expect(c.image).toMatch(/^registry\.example\.org\/unodc\/cybercrime-repository-graph:/);
        }
      }
    }),
  );

  it(
    'commits no secret value: credentials come from Secrets by reference only',
    each((objects) => {
      expect(objects.filter((o) => o.kind === 'Secret' || o.kind === 'ConfigMap')).toEqual([]);
      const env: IEnvVar[] = [
        ...ofKind<IDeployment>(objects, 'Deployment'),
        ...ofKind<IDeployment>(objects, 'Job'),
      ].flatMap((w) => w.spec?.template.spec?.containers.flatMap((c) => c.env ?? []) ?? []);
      const literal = env.filter((e) => SECRET_NAME.test(e.name) && !e.valueFrom?.secretKeyRef);
      expect(literal.map((e) => e.name)).toEqual([]);
    }),
  );

  it(
    'denies by default; only the gateway reaches subgraphs; partners reach nothing but DNS',
    each((objects) => {
      const policies = ofKind<INetworkPolicy>(objects, 'NetworkPolicy');
      expect(
        policies.some(
          (p) =>
            Object.keys(p.spec?.podSelector ?? {}).length === 0 &&
            p.spec?.policyTypes?.length === 2 &&
            !p.spec.ingress &&
            !p.spec.egress,
        ),
      ).toBe(true);
      const selecting = (labels: Record<string, string>, type: 'Ingress' | 'Egress') =>
        policies.filter(
          (p) => p.spec?.policyTypes?.includes(type) && selects(p.spec.podSelector, labels),
        );
      const gateway = labelsOf('gateway', 'gateway');
      const gatewayEgress = selecting(gateway, 'Egress').flatMap((p) => p.spec?.egress ?? []);
      for (const entry of registry) {
        const labels = labelsOf(entry.name, tierOf(entry));
        const ingress = selecting(labels, 'Ingress').flatMap((p) => p.spec?.ingress ?? []);
        expect(ingress.length).toBeGreaterThan(0);
        for (const rule of ingress) {
          expect(rule.from?.length, `${entry.name} ingress must name its peers`).toBeGreaterThan(0);
          for (const peer of rule.from ?? []) {
            expect(peer.namespaceSelector ?? peer.ipBlock).toBeUndefined();
            expect(
              selects(peer.podSelector, gateway),
              `${entry.name} is reached by the gateway only`,
            ).toBe(true);
          }
        }
        expect(
          gatewayEgress.some(
            (r) =>
              r.ports?.some((p) => p.port === portOf(entry)) &&
              r.to?.some((t) => selects(t.podSelector, labels)),
          ),
        ).toBe(true);
        const egress = selecting(labels, 'Egress').flatMap((p) => p.spec?.egress ?? []);
        const peers = egress.flatMap((r) => r.to ?? [{}]);
        if (tierOf(entry) === 'partner') {
          expect(peers, `${entry.name} (PARTNER) reaches DNS only`).toEqual(
            peers.map(() => DNS_PEER),
          );
        } else {
          const ports = egress.flatMap((r) => r.ports?.map((p) => p.port) ?? []);
          expect(ports).toEqual(expect.arrayContaining([53, 5432, 6379]));
        }
      }
    }),
  );

  it(
    'lets PostgreSQL and Redis in the namespace accept core subgraphs, never a partner',
    each((objects) => {
      const policies = ofKind<INetworkPolicy>(objects, 'NetworkPolicy');
      for (const store of [POSTGRES_LABELS, REDIS_LABELS]) {
        const peers = policies
          .filter(
            (p) => p.spec?.policyTypes?.includes('Ingress') && selects(p.spec.podSelector, store),
          )
          .flatMap((p) => p.spec?.ingress ?? [])
          .flatMap((r) => r.from ?? [{}]);
        expect(peers.length).toBeGreaterThan(0);
        for (const entry of registry) {
          const reached = peers.some((peer) =>
            selects(peer.podSelector, labelsOf(entry.name, tierOf(entry))),
          );
          expect(reached, `${entry.name} reaches ${JSON.stringify(store)}`).toBe(
            tierOf(entry) === 'core',
          );
        }
      }
    }),
  );

  it('runs each service as docker-compose.yml does: its command and every variable compose sets', async () => {
    const compose = parseYaml(await readFile(projectPath('docker-compose.yml'), 'utf8'), {
      merge: true,
    }) as {
      services: Record<string, { command?: string[]; environment?: Record<string, string> }>;
    };
    const deployments = ofKind<IDeployment>(rendered.get('production') ?? [], 'Deployment');
    for (const name of ['gateway', ...registry.map((e) => e.name)]) {
      const service = compose.services[name];
      const container = deployments.find((d) => d.metadata?.name === name)?.spec?.template.spec
        ?.containers[0];
      expect(container?.command, name).toEqual(service?.command);
      const partner = registry.some((e) => e.name === name && tierOf(e) === 'partner');
      // A partner reaches neither PostgreSQL nor Redis here (docs/kubernetes.md, partner subgraphs).
      const expected = Object.keys(service?.environment ?? {}).filter(
        (k) => !(partner && ['DATABASE_URL', 'REDIS_URL'].includes(k)),
      );
      const names = (container?.env ?? []).map((e) => e.name);
      expect(names, name).toEqual(expect.arrayContaining(expected));
    }
  });
});

describe('the unknown-field check of rendered objects', () => {
  it('names a misspelt field at any depth and a value of the wrong kind', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'gateway', labells: { app: 'gateway' } },
      spec: {
        replicas: 'two',
        selector: { matchLabels: { app: 'gateway' } },
        template: {
          metadata: { labels: { app: 'gateway' } },
          spec: { containers: [{ name: 'gateway', image: 'g:1', resource: { limits: {} } }] },
        },
      },
    };
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      // Line separators inside strings do not move the blame to another object.
      metadata: { name: 'gateway', annotations: { note: 'a\u2028b\u2029c\nd' } },
      spec: { ports: [{ port: 4000 }] },
    };
    const problems = unknownFields([service, deployment, service]);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/^Deployment\/gateway: .*labells.*IObjectMeta/m);
    expect(problems.join('\n')).toMatch(/^Deployment\/gateway: .*resource.*IContainer/m);
    expect(problems.join('\n')).toMatch(/^Deployment\/gateway: .*string.*number/m);
    expect(unknownFields([service])).toEqual([]);
  });
});
