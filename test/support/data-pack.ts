import { projectPath } from '../../loaders/project-path.js';
import { readCsv, readStates, type StateSeed } from '../../loaders/seed-data/csv.js';

/**
 * The data pack as a subgraph reads it: the rows of its own `seed/` copy, with the loader the
 * seeds use (`loaders/seed-data/csv.ts`). Tests derive their expected counts from here, so they
 * keep passing when the data pack grows: `await dataPack('partners').count('organizations.csv')`.
 */
export type SeededSubgraph = 'assistance' | 'funding' | 'laws' | 'member-states' | 'partners';

export interface DataPack {
  /** The rows of a seed CSV (header row excluded; empty cells are `null`). */
  rows(file: string): Promise<Record<string, string | null>[]>;
  /** How many rows a seed CSV holds. */
  count(file: string): Promise<number>;
  /** The States (member_states.csv, then observer_states.csv) with their M49 region. */
  states(): Promise<StateSeed[]>;
}

export function dataPack(subgraph: SeededSubgraph): DataPack {
  const seedFile = (file: string) => projectPath('subgraphs', subgraph, 'seed', file);
  const rows = (file: string) => readCsv(seedFile(file));
  return {
    rows,
    count: async (file) => (await rows(file)).length,
    states: () => readStates(seedFile),
  };
}
