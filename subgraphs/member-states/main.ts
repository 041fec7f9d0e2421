import 'reflect-metadata';
import { runSubgraphMain } from '../../schema/server/run-subgraph.js';
import { memberStatesSubgraph } from './index.js';

await runSubgraphMain(memberStatesSubgraph, process.env);
