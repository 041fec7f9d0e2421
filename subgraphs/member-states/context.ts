import type { SubgraphContext } from '../../schema/context.js';
import type { MemberStatesLoaders } from './country.loaders.js';
import type { MemberStatesTables } from './country.table.js';

export type MemberStatesContext = SubgraphContext<MemberStatesTables, MemberStatesLoaders>;
