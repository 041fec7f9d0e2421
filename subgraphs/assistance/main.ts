import 'reflect-metadata';
import { runSubgraphMain } from '../../schema/server/run-subgraph.js';
import { assistanceSubgraph } from './index.js';

await runSubgraphMain(assistanceSubgraph, process.env);
