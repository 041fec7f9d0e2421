import { parse } from 'graphql';
import {
  breakingChanges,
  composeSupergraph,
  CompositionError,
  policyProblems,
  type BreakingChange,
  type RegisteredSdl,
} from './compose.js';

export interface CandidateReport {
  /** Empty when the candidate may enter the graph. */
  readonly problems: readonly string[];
  readonly breaking: readonly BreakingChange[];
  /** The supergraph with the candidate, when it composes. */
  readonly supergraphSdl: string | undefined;
}

/**
 * Checks a candidate subgraph SDL against the current graph: it must parse, keep the partner
 * policy (PARTNER tier), compose with every other entry's committed SDL, and break nothing a client
 * of the committed supergraph relies on. Every problem is one readable line naming its cause.
 */
export async function checkCandidate(
  candidate: RegisteredSdl,
  others: readonly RegisteredSdl[],
  committedSupergraph: string | undefined,
): Promise<CandidateReport> {
  try {
    parse(candidate.sdl);
  } catch (error) {
    return {
      problems: [`[${candidate.name}] the SDL does not parse: ${String(error)}`],
      breaking: [],
      supergraphSdl: undefined,
    };
  }
  const graph = [...others.filter((o) => o.name !== candidate.name), candidate];
  const problems = policyProblems(graph).filter((p) => p.startsWith(`[${candidate.name}]`));
  let supergraphSdl: string | undefined;
  try {
    supergraphSdl = composeSupergraph(graph);
  } catch (error) {
    if (!(error instanceof CompositionError)) {
      throw error;
    }
    problems.push(...error.problems.map((p) => `[composition] ${p}`));
  }
  const breaking =
    supergraphSdl && committedSupergraph
      ? await breakingChanges(committedSupergraph, supergraphSdl)
      : [];
  problems.push(...breaking.map((b) => `[breaking change] ${b.path}: ${b.message}`));
  return { problems, breaking, supergraphSdl };
}
