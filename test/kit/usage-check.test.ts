import { readFile } from 'node:fs/promises';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { coordinatesOf, UsageRecorder } from '../../gateway/usage.js';
import { projectPath } from '../../loaders/project-path.js';
import { MemoryUsageStore } from '../../loaders/usage-store.js';
import { checkCandidate } from '../../schema/composition/candidate.js';
import { apiSchemaOf, type RegisteredSdl } from '../../schema/composition/compose.js';
import { readRegistry, sdlPathOf } from '../../schema/composition/registry.js';
import { silentLogger } from '../support/harness.js';

// The usage-aware check (`npm run schema:check -- <name> --usage-days 30`, which the partner kit
// runs too): usage recorded as the gateway records it, then a candidate that removes one unused
// and one used field of Country.
async function currentGraph(): Promise<RegisteredSdl[]> {
  const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
  return Promise.all(
    registry.map(async (e) => ({ ...e, sdl: await readFile(sdlPathOf(e), 'utf8') })),
  );
}

const OPERATIONS: [client: string, version: string, name: string, query: string][] = [
  [
    'atlas-web',
    '2.1.0',
    'Search',
    'query Search { countries { edges { node { name commonName } } } }',
  ],
  ['atlas-web', '2.1.0', 'Kenya', 'query Kenya { country(iso3: "KEN") { name names { en } } }'],
  ['report-cli', '0.3', 'Members', 'query Members { countries { totalCount } }'],
];

describe('a usage-aware schema check', () => {
  it('calls removing an unused field safe and a used one breaking, naming the client', async () => {
    const committed = await readFile(projectPath('schema', 'supergraph.graphql'), 'utf8');
    const schema = apiSchemaOf(committed);
    const store = new MemoryUsageStore();
    const recorder = new UsageRecorder(store, silentLogger);
    const now = new Date();
    for (const [client, clientVersion, name, query] of OPERATIONS) {
      for (let i = 0; i < 3; i += 1) {
        recorder.record(coordinatesOf(schema, parse(query)), {
          client,
          clientVersion,
          operation: `${name}#000000000000`,
          signature: query,
        });
      }
    }
    await recorder.stop();

    const graph = await currentGraph();
    const memberStates = graph.find((g) => g.name === 'member-states')!;
    const candidate = {
      ...memberStates,
      sdl: memberStates.sdl
        .replace(/\n\s*"""Colloquial name[^\n]*\n\s*commonName: String\n/, '\n')
        .replace(/\n\s*"""Where the non-English names[^\n]*\n\s*namesSource: String!\n/, '\n'),
    };
    const report = await checkCandidate(candidate, graph, committed, { store, days: 30, now });

    expect(report.breaking.map((b) => b.path).sort()).toEqual([
      'Country.commonName',
      'Country.namesSource',
    ]);
    expect(report.safe).toEqual([
      "[unused in 30 days] Country.namesSource: Field 'namesSource' was removed from object type 'Country'",
    ]);
    expect(report.problems).toEqual([
      "[breaking change] Country.commonName: Field 'commonName' was removed from object type 'Country'; used in the last 30 days by atlas-web 2.1.0 (Search#000000000000 ×3)",
    ]);

    // Outside the window the same usage no longer counts.
    const later = new Date(now.getTime() + 40 * 86_400_000);
    const stale = await checkCandidate(candidate, graph, committed, {
      store,
      days: 30,
      now: later,
    });
    expect(stale.problems).toEqual([]);
    expect(stale.safe).toHaveLength(2);
  });
});
