import { parse } from 'graphql';
import {
  breakingChanges,
  composeSupergraph,
  CompositionError,
  policyProblems,
  type BreakingChange,
  type RegisteredSdl,
} from './compose.js';
import { describeClients, usageVerdicts, type UsageWindow } from './usage-check.js';

export interface CandidateReport {
  /** Empty when the candidate may enter the graph. */
  readonly problems: readonly string[];
  readonly breaking: readonly BreakingChange[];
  /** The supergraph with the candidate, when it composes. */
  readonly supergraphSdl: string | undefined;
  /** With a usage window: breaking changes nobody used in it, so not problems. */
  readonly safe?: readonly string[];
}

/**
 * Checks a candidate subgraph SDL against the current graph: it must parse, keep the partner
 * policy (PARTNER tier), compose with every other entry's committed SDL, and break nothing a client
 * of the committed supergraph relies on. Every problem is one readable line naming its cause.
 * With `usage`, a breaking change is a problem only if a client used what it touches within the
 * window (the line names the clients and operations); the others are listed as `safe`.
 */
export async function checkCandidate(
  candidate: RegisteredSdl,
  others: readonly RegisteredSdl[],
  committedSupergraph: string | undefined,
  usage?: UsageWindow,
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
  if (!usage) {
    problems.push(...breaking.map((b) => `[breaking change] ${b.path}: ${b.message}`));
    return { problems, breaking, supergraphSdl };
  }
  const verdicts = await usageVerdicts(breaking, usage);
  for (const { change, clients } of verdicts.filter((v) => v.clients.length > 0)) {
    problems.push(
      `[breaking change] ${change.path}: ${change.message}; used in the last ${usage.days} days by ${describeClients(clients)}`,
    );
  }
  const safe = verdicts
    .filter((v) => v.clients.length === 0)
    .map((v) => `[unused in ${usage.days} days] ${v.change.path}: ${v.change.message}`);
  return { problems, breaking, supergraphSdl, safe };
}
