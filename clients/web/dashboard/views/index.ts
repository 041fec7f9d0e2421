// The dashboard's pages, one module each; common.ts holds what they share.
export type { ViewContext } from './common.js';
export { coordinationView } from './coordination.js';
export { countryView } from './country.js';
export { mapView } from './map.js';
export { programmeView } from './programme.js';
