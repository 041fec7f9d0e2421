import 'reflect-metadata';
import { runSubgraphMain } from '../../schema/server/run-subgraph.js';
import { lawsSubgraph } from './index.js';

await runSubgraphMain(lawsSubgraph, process.env);
