import 'reflect-metadata';
import { runSubgraphMain } from '../schema/server/run-subgraph.js';
import { subgraphByName, CORE_SUBGRAPHS } from '../subgraphs/index.js';

// `npm run start:subgraph -- <name>`
const name = process.argv[2];
const subgraph = name ? subgraphByName(name) : undefined;
if (!subgraph) {
  process.stderr.write(
    `Usage: npm run start:subgraph -- <name>\n${name ? `Unknown subgraph "${name}". ` : ''}Known: ${CORE_SUBGRAPHS.map((s) => s.name).join(', ')}\n`,
  );
  process.exit(64);
}
await runSubgraphMain(subgraph, process.env);
