import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { parse, type GraphQLSchema } from 'graphql';
import { GENERATED_BANNER } from '../build-subgraph-schema.js';
import { partnerPolicyViolations } from './policy.js';

export interface SubgraphSdl {
  readonly name: string;
  readonly url: string;
  readonly sdl: string;
}

export class CompositionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The subgraphs do not compose:\n  - ${problems.join('\n  - ')}`);
    this.name = 'CompositionError';
  }
}

/** Composes the supergraph in process, from each subgraph's SDL; no network is needed. */
export function composeSupergraph(subgraphs: readonly SubgraphSdl[]): string {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })),
  );
  if (result.errors) {
    throw new CompositionError(result.errors.map((e) => e.message));
  }
  return `${GENERATED_BANNER('npm run schema:compose')}${result.supergraphSdl}\n`;
}

export interface RegisteredSdl extends SubgraphSdl {
  readonly tier: 'CORE' | 'PARTNER';
  readonly allowMutations: boolean;
}

/** Why a candidate graph may not be served: composition errors and policy violations, named. */
export class GraphCheckError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The graph was rejected:\n  - ${problems.join('\n  - ')}`);
    this.name = 'GraphCheckError';
  }
}

/** The partner policy of every PARTNER entry, against the CORE entries, as readable lines. */
export function policyProblems(subgraphs: readonly RegisteredSdl[]): string[] {
  const core = subgraphs.filter((s) => s.tier === 'CORE');
  return subgraphs
    .filter((s) => s.tier === 'PARTNER')
    .flatMap((s) => {
      try {
        return partnerPolicyViolations(s, core).map((v) => `[${s.name}] ${v.message}`);
      } catch (error) {
        return [`[${s.name}] the SDL does not parse: ${String(error)}`];
      }
    });
}

/**
 * Composes the registry's subgraphs only if every PARTNER entry keeps the partner policy and the
 * whole composes; throws a `GraphCheckError` listing every problem otherwise.
 */
export function composeCheckedSupergraph(subgraphs: readonly RegisteredSdl[]): string {
  const problems = policyProblems(subgraphs);
  if (problems.length > 0) {
    throw new GraphCheckError(problems);
  }
  try {
    return composeSupergraph(subgraphs);
  } catch (error) {
    if (error instanceof CompositionError) {
      throw new GraphCheckError(error.problems);
    }
    throw new GraphCheckError([`the SDL does not parse: ${String(error)}`]);
  }
}

/** The schema clients see (federation's own types and `@inaccessible` elements removed). */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

export interface BreakingChange {
  readonly path: string;
  readonly message: string;
}

/**
 * What a client of `before` would find broken in `after`: removed or retyped fields, new required
 * arguments, removed types or enum values (graphql-inspector's BREAKING criticality).
 */
export async function breakingChanges(
  beforeSupergraph: string,
  afterSupergraph: string,
): Promise<BreakingChange[]> {
  const changes = await diff(apiSchemaOf(beforeSupergraph), apiSchemaOf(afterSupergraph));
  return changes
    .filter((c) => c.criticality.level === CriticalityLevel.Breaking)
    .map((c) => ({ path: c.path ?? '', message: c.message }));
}
