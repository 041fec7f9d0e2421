import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { RegistryEntry } from '../schema/composition/registry.js';
import {
  GATEWAY_PORT,
  labelsOf,
  PART_OF,
  portOf,
  POSTGRES_LABELS,
  REDIS_LABELS,
  TIER_LABEL,
  tierOf,
} from './kubernetes-workloads.js';

const POSTGRES_PORT = 5432;
const REDIS_PORT = 6379;
const tcp = (port: number) => ({ protocol: 'TCP' as const, port });

/** The cluster DNS (kube-dns / CoreDNS in kube-system), the one peer every pod may reach. */
export const DNS_PEER: INetworkPolicyPeer = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};

const tierSelector = (name: string): Record<string, string> => ({
  'app.kubernetes.io/part-of': PART_OF,
  [TIER_LABEL]: name,
});

function policy(name: string, spec: INetworkPolicy['spec']): INetworkPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, labels: { 'app.kubernetes.io/part-of': PART_OF } },
    spec,
  };
}

/** PostgreSQL and Redis, for the pods `selector` picks. */
function dataStores(
  name: string,
  selector: Record<string, string>,
  redis: boolean,
): INetworkPolicy {
  return policy(name, {
    podSelector: { matchLabels: selector },
    policyTypes: ['Egress'],
    egress: [
      {
        to: [{ podSelector: { matchLabels: POSTGRES_LABELS } }],
        ports: [tcp(POSTGRES_PORT)],
      },
      ...(redis
        ? [
            {
              to: [{ podSelector: { matchLabels: REDIS_LABELS } }],
              ports: [tcp(REDIS_PORT)],
            },
          ]
        : []),
    ],
  });
}

/**
 * PostgreSQL and Redis pods in the namespace (default deny covers them too) are reached by the
 * tiers named, never by a partner subgraph. Outside the cluster these select nothing.
 */
function dataStoreIngress(
  name: string,
  store: Record<string, string>,
  port: number,
  tiers: string[],
): INetworkPolicy {
  return policy(name, {
    podSelector: { matchLabels: store },
    policyTypes: ['Ingress'],
    ingress: [
      {
        from: tiers.map((t) => ({ podSelector: { matchLabels: tierSelector(t) } })),
        ports: [tcp(port)],
      },
    ],
  });
}

/**
 * Default deny, then exactly the flows of the topology: anyone may reach the gateway's port (the
 * ingress controller, an overlay may narrow it); the gateway reaches every subgraph and Redis;
 * each subgraph is reached by the gateway alone; core subgraphs reach PostgreSQL and Redis;
 * partner subgraphs reach nothing but DNS; the migrate Job reaches PostgreSQL; PostgreSQL and
 * Redis, when they run in the namespace, accept exactly those.
 */
export function networkPolicies(registry: readonly RegistryEntry[]): INetworkPolicy[] {
  const gateway = { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/part-of': PART_OF };
  const perSubgraph = registry.map((entry) => {
    const { 'app.kubernetes.io/component': _component, ...selector } = labelsOf(
      entry.name,
      tierOf(entry),
    );
    return policy(`${entry.name}-from-gateway`, {
      podSelector: { matchLabels: selector },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ podSelector: { matchLabels: gateway } }],
          ports: [tcp(portOf(entry))],
        },
      ],
    });
  });
  return [
    policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy('dns', {
      podSelector: { matchLabels: { 'app.kubernetes.io/part-of': PART_OF } },
      policyTypes: ['Egress'],
      egress: [
        {
          to: [DNS_PEER],
          ports: [{ protocol: 'UDP' as const, port: 53 }, tcp(53)],
        },
      ],
    }),
    policy('gateway', {
      podSelector: { matchLabels: gateway },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ ports: [tcp(GATEWAY_PORT)] }],
      egress: [
        ...registry.map((entry) => ({
          to: [
            {
              podSelector: {
                matchLabels: {
                  'app.kubernetes.io/name': entry.name,
                  'app.kubernetes.io/part-of': PART_OF,
                },
              },
            },
          ],
          ports: [tcp(portOf(entry))],
        })),
        {
          to: [{ podSelector: { matchLabels: REDIS_LABELS } }],
          ports: [tcp(REDIS_PORT)],
        },
      ],
    }),
    ...perSubgraph,
    dataStores('core-data-stores', tierSelector('core'), true),
    dataStores('migrate-postgresql', tierSelector('migrate'), false),
    dataStoreIngress('postgresql-from-graph', POSTGRES_LABELS, POSTGRES_PORT, ['core', 'migrate']),
    dataStoreIngress('redis-from-graph', REDIS_LABELS, REDIS_PORT, ['core', 'gateway']),
  ];
}
