/**
 * Licence and attribution of the records the seeds copy from the shared data pack's compiled
 * files (partnerships, contributions, activities, organisations): public facts compiled for the
 * project from the public pages each row cites. One wording and one attribution rule, here, so
 * every subgraph shows the same text wherever the data is shown.
 */

export const DATA_PACK_LICENCE =
  'Public facts compiled for this project from the public sources cited in `source` (shared data pack, "Licence and reuse notes"); no licence over the cited pages is claimed. Cite the original sources when reusing.';

/** Publishers of the pages the compiled files cite, by host (without "www."). */
const PUBLISHERS: Readonly<Record<string, string>> = {
  'unodc.org': 'United Nations Office on Drugs and Crime (UNODC)',
  'staging.unodc.org': 'United Nations Office on Drugs and Crime (UNODC)',
  'coe.int': 'Council of Europe',
  'interpol.int': 'INTERPOL',
  'cybilportal.org': 'GFCE Cybil Portal',
  'thegfce.org': 'Global Forum on Cyber Expertise (GFCE)',
  'sbs.ox.ac.uk': 'Global Cyber Security Capacity Centre, University of Oxford',
  'eufordigital.eu': 'EU4Digital',
  'canada.ca': 'Government of Canada',
  'jaif.asean.org': 'Japan-ASEAN Integration Fund',
  'ria.ee': 'Information System Authority of Estonia (RIA)',
  'eucybernet.eu': 'EU CyberNet',
  'regjeringen.no': 'Government of Norway',
  'mofa.gov.qa': 'Ministry of Foreign Affairs of Qatar',
  'ec.europa.eu': 'European Commission',
};

/** The host of each URL in a `source` cell, in order, without duplicates or "www.". */
function hosts(source: string): string[] {
  const found = [...source.matchAll(/https?:\/\/([^/\s;]+)/g)].map((m) =>
    (m[1] ?? '').toLowerCase().replace(/^www\./, ''),
  );
  return [...new Set(found.filter((h) => h.length > 0))];
}

/**
 * The acknowledgement to show with a record compiled from the cited pages: their publishers (the
 * host where no publisher is on record), then where the compilation comes from.
 */
export function dataPackAttribution(source: string): string {
  const names = [...new Set(hosts(source).map((h) => PUBLISHERS[h] ?? h))];
  const from = names.length > 0 ? names.join('; ') : source;
  return `Source: ${from}. Compiled for the Cybercrime Repository Graph from the cited public pages.`;
}

/**
 * A date as the data pack gives it (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) widened to the first day
 * of its period (`start`) or the last (`end`); null for an empty cell. The precision is kept
 * apart (`datesAsGiven`), so no day is presented as sourced when only a month or year is.
 */
export function packDate(value: string | null | undefined, edge: 'start' | 'end'): string | null {
  if (!value) {
    return null;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return value;
  }
  if (/^\d{4}-\d{2}$/.test(value)) {
    if (edge === 'start') {
      return `${value}-01`;
    }
    const [y, m] = value.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${value}-${String(last).padStart(2, '0')}`;
  }
  if (/^\d{4}$/.test(value)) {
    return edge === 'start' ? `${value}-01-01` : `${value}-12-31`;
  }
  throw new Error(`data pack date "${value}" is not YYYY, YYYY-MM or YYYY-MM-DD`);
}

/** "2016-03 to 2024-02": the period as the source gives it, or null when it gives no date. */
export function datesAsGiven(start: string | null, end: string | null): string | null {
  if (!start && !end) {
    return null;
  }
  return `${start ?? 'start not given'} to ${end ?? 'end not given'}`;
}

/** A `;`-separated cell as a list of trimmed, non-empty values. */
export function packList(value: string | null | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}
