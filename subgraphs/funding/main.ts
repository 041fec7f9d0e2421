import 'reflect-metadata';
import { runSubgraphMain } from '../../schema/run-subgraph.js';
import { fundingSubgraph } from './index.js';

await runSubgraphMain(fundingSubgraph, process.env);
