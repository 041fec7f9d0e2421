import { mulberry32 } from '../../loaders/seed-data/synthetic.js';
import { GPC_THEMES, GpcTheme } from '../../schema/gpc.js';
import { MemberRole, PartnershipType } from './partnership.entity.js';

/**
 * Illustrative partnerships, generated deterministically so every database holds the same ones.
 * They never happened: each is flagged `synthetic`, says "(synthetic)" in its title, and uses real
 * organizations only as clearly illustrative members.
 */
export interface SyntheticPartnership {
  id: string;
  title: string;
  type: PartnershipType;
  scope: string;
  startDate: string;
  endDate: string | null;
  themes: GpcTheme[];
  members: { organizationId: string; role: MemberRole }[];
  countryIso3s: string[];
}

interface SyntheticInputs {
  /** Organization ids, in seed-file order. */
  organizationIds: readonly string[];
  /** Country iso3 codes per M49 region code, each list in seed-file order. */
  countriesByRegion: ReadonlyMap<string, readonly string[]>;
}

export const SYNTHETIC_SEED = 22_08_2013;
export const SYNTHETIC_COUNT = 48;
export const SYNTHETIC_SOURCE =
  'Synthetic: generated for illustration by the partners seed (seeded PRNG); not a real partnership.';

/**
 * Regions are weighted so that coverage is uneven, as the GFCE community reports: Oceania and the
 * Americas are thin, and two themes never reach Oceania at all (gaps on purpose).
 */
const REGION_WEIGHTS: readonly [m49: string, weight: number][] = [
  ['002', 0.32],
  ['142', 0.3],
  ['019', 0.16],
  ['150', 0.14],
  ['009', 0.08],
];
const OCEANIA_GAPS: ReadonlySet<GpcTheme> = new Set([GpcTheme.VIRTUAL_ASSETS, GpcTheme.OCSEA]);

const TYPES = Object.values(PartnershipType);
const TYPE_WORDS: Readonly<Record<PartnershipType, string>> = {
  MOU: 'MOU',
  IMPLEMENTING: 'implementing',
  FUNDING: 'funding',
  IN_KIND: 'in-kind',
  KNOWLEDGE: 'knowledge',
};
const THEMES = Object.values(GpcTheme);
const OTHER_ROLES = [
  MemberRole.IMPLEMENTING,
  MemberRole.FUNDING,
  MemberRole.ADVISORY,
  MemberRole.BENEFICIARY,
];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * `count` partnerships from `seed`, ids `<idPrefix>-NNN`: the seed's 48 by default, and more for
 * the benchmark's scale-up with another seed and prefix.
 */
export function generateSyntheticPartnerships(
  inputs: SyntheticInputs,
  { count = SYNTHETIC_COUNT, seed = SYNTHETIC_SEED, idPrefix = 'synthetic' } = {},
): SyntheticPartnership[] {
  const random = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const pickRegion = (): string => {
    let r = random();
    for (const [m49, weight] of REGION_WEIGHTS) {
      r -= weight;
      if (r < 0) {
        return m49;
      }
    }
    return REGION_WEIGHTS[0]![0];
  };

  const result: SyntheticPartnership[] = [];
  for (let i = 1; i <= count; i += 1) {
    const region = pickRegion();
    const pool = inputs.countriesByRegion.get(region) ?? [];
    const countries = new Set<string>();
    const countryCount = int(1, 4);
    while (countries.size < Math.min(countryCount, pool.length)) {
      countries.add(pick(pool));
    }
    const themes = new Set<GpcTheme>();
    const themeCount = int(1, 3);
    while (themes.size < themeCount) {
      const theme = pick(THEMES);
      if (!(region === '009' && OCEANIA_GAPS.has(theme))) {
        themes.add(theme);
      }
    }
    const memberIds = new Set<string>();
    const memberCount = int(2, 4);
    while (memberIds.size < Math.min(memberCount, inputs.organizationIds.length)) {
      memberIds.add(pick(inputs.organizationIds));
    }
    const members = [...memberIds].map((organizationId, index) => ({
      organizationId,
      role: index === 0 ? MemberRole.LEAD : pick(OTHER_ROLES),
    }));
    const startYear = int(2016, 2027);
    const startDate = `${startYear}-${pad(int(1, 12))}-01`;
    const openEnded = random() < 0.15;
    const endDate = openEnded
      ? null
      : `${startYear + int(1, 4)}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
    const type = pick(TYPES);
    const sortedThemes = THEMES.filter((t) => themes.has(t));
    const sortedCountries = [...countries].sort();
    const mainTheme = GPC_THEMES[sortedThemes[0]!].label.toLowerCase();
    result.push({
      id: `${idPrefix}-${pad(i, 3)}`,
      title: `(synthetic) Illustrative ${TYPE_WORDS[type]} partnership on ${mainTheme}, ${sortedCountries.join(', ')}`,
      type,
      scope:
        'Illustrative record generated for demonstration. It did not happen; its members did not sign it.',
      startDate,
      endDate,
      themes: sortedThemes,
      members,
      countryIso3s: sortedCountries,
    });
  }
  return result;
}
