import 'reflect-metadata';
import { runSubgraphMain } from '../../schema/server/run-subgraph.js';
import { fundingSubgraph } from './index.js';

await runSubgraphMain(fundingSubgraph, process.env);
