import 'reflect-metadata';
import { runSubgraphMain } from '../../schema/server/run-subgraph.js';
import { partnersSubgraph } from './index.js';

await runSubgraphMain(partnersSubgraph, process.env);
