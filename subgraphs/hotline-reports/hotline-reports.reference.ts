import type { Country } from './foreign.entity.js';

/** Any `Country` the gateway sends is taken by key: this subgraph holds no country data. */
export function resolveCountryReference(reference: { iso3?: unknown }): Country | null {
  return typeof reference.iso3 === 'string' ? { iso3: reference.iso3 } : null;
}
