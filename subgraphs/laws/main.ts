import 'reflect-metadata';
import { runSubgraphMain } from '../../schema/run-subgraph.js';
import { lawsSubgraph } from './index.js';

await runSubgraphMain(lawsSubgraph, process.env);
