import 'reflect-metadata';
import { runSubgraphMain } from '../../schema/run-subgraph.js';
import { memberStatesSubgraph } from './index.js';

await runSubgraphMain(memberStatesSubgraph, process.env);
