import type { SubgraphContext } from '../../schema/context.js';
import type { PartnersLoaders } from './partners.loaders.js';
import type { PartnersTables } from './partners.table.js';

export type PartnersContext = SubgraphContext<PartnersTables, PartnersLoaders>;
