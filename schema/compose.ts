import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { GENERATED_BANNER } from './build-subgraph-schema.js';

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
