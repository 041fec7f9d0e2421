import type { SubgraphContext } from '../../schema/context.js';
import type { MemberStatesLoaders } from './member-states.loaders.js';
import type { MemberStatesTables } from './member-states.table.js';

export type MemberStatesContext = SubgraphContext<MemberStatesTables, MemberStatesLoaders>;
