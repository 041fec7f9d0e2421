/**
 * Colours every chart uses, server and browser alike. The categorical scale is Okabe and Ito's
 * (2008), distinguishable with the common colour-vision deficiencies; the report and the dashboard
 * take their colours from here so one category has one colour everywhere.
 */
export const CATEGORICAL = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#D55E00', // vermillion
  '#F0E442', // yellow
  '#000000', // black
] as const;

/** Colour for "no data" or "not recorded": a neutral grey, never a category colour. */
export const NO_DATA = '#BDBDBD';

/** Hatched or faded mark for figures that include synthetic records (with a label, never alone). */
export const SYNTHETIC_MARK = '#7F7F7F';
