import { basisOfRecords } from '../../schema/basis.js';
import { CoverageScheme, SCHEME_CODES, type CodeEntry } from './code-list.entity.js';
import { toOffenceCategory, toProceduralPower } from './code-list.repository.js';
import {
  CoverageState,
  LawOnRecord,
  type LegalCoverage,
  type OffenceCoverage,
  type ProceduralPowerCoverage,
} from './coverage.entity.js';
import type { LegalProvision, Legislation } from './legislation.entity.js';

// Gap analysis (`Country.legalCoverage`): what the provisions in force recorded here say about
// each offence and procedural power of a convention. Pure, for unit tests; the resolver gathers
// the facts through the loaders.

interface CategoryCoverage {
  readonly code: string;
  readonly direct: LegalProvision[];
  readonly viaConcept: LegalProvision[];
}

/**
 * Which provisions cover an offence category: tagged with it (direct), or tagged with a category
 * of another scheme that shares a crosswalk concept (via concept). Pure, for unit tests.
 */
export function offenceCoverage(
  category: CodeEntry,
  provisions: readonly LegalProvision[],
  conceptsByCode: ReadonlyMap<string, readonly string[]>,
): CategoryCoverage {
  const direct: LegalProvision[] = [];
  const viaConcept: LegalProvision[] = [];
  for (const provision of provisions) {
    if (provision.offenceCategoryCodes.includes(category.code)) {
      direct.push(provision);
    } else if (
      category.concepts.length > 0 &&
      provision.offenceCategoryCodes.some((code) =>
        (conceptsByCode.get(code) ?? []).some((concept) => category.concepts.includes(concept)),
      )
    ) {
      viaConcept.push(provision);
    }
  }
  return { code: category.code, direct, viaConcept };
}

/** Provisions that provide a procedural power (tagged with its code). */
export function powerCoverage(
  power: CodeEntry,
  provisions: readonly LegalProvision[],
): LegalProvision[] {
  return provisions.filter((p) => p.proceduralPowerCodes.includes(power.code));
}

function coverageState(covered: boolean, provisionsRecorded: number): CoverageState {
  if (covered) {
    return CoverageState.COVERED;
  }
  return provisionsRecorded === 0
    ? CoverageState.NO_PROVISIONS_RECORDED
    : CoverageState.NOT_IN_RECORDED_PROVISIONS;
}

/** Whether a law is known to exist, from the records here and UNCTAD's status of the State. */
export function lawOnRecord(
  provisionsRecorded: number,
  lawsRecorded: number,
  unctadStatus: string | null,
): LawOnRecord {
  if (provisionsRecorded > 0) {
    return LawOnRecord.PROVISIONS_RECORDED;
  }
  if (lawsRecorded > 0 || unctadStatus === 'LEGISLATION') {
    return LawOnRecord.LAW_EXISTS_PROVISIONS_NOT_RECORDED;
  }
  if (unctadStatus === 'DRAFT_LEGISLATION') {
    return LawOnRecord.DRAFT_LAW_ONLY;
  }
  return unctadStatus === 'NO_LEGISLATION' ? LawOnRecord.NO_LAW_KNOWN : LawOnRecord.NO_DATA;
}

/** The code-list attribute holding a procedural power's article in each scheme's convention. */
const POWER_ARTICLE: Record<CoverageScheme, string> = {
  [CoverageScheme.BUDAPEST]: 'budapest_article',
  [CoverageScheme.UN_CONVENTION]: 'uncc_article',
};

/** What `legalCoverage` is computed from: the State's records the viewer may see. */
interface CoverageFacts {
  readonly scheme: CoverageScheme;
  /** The State's visible provisions (in force or not), synthetic ones only when asked for. */
  readonly provisions: readonly LegalProvision[];
  /** The ids of the State's laws in force. */
  readonly inForceIds: ReadonlySet<string>;
  /** Every offence category, every procedural power (the code lists). */
  readonly offences: readonly CodeEntry[];
  readonly powers: readonly CodeEntry[];
  /** The State's visible laws, synthetic ones only when asked for. */
  readonly laws: readonly Legislation[];
  readonly unctadStatus: string | null;
  readonly includeSynthetic: boolean;
}

function offenceRowsOf(f: CoverageFacts, inForce: readonly LegalProvision[]): OffenceCoverage[] {
  const conceptsByCode = new Map(f.offences.map((e) => [e.code, e.concepts]));
  const schemeCode = SCHEME_CODES[f.scheme];
  return f.offences
    .filter((e) => e.scheme === schemeCode)
    .map((e) => {
      const found = offenceCoverage(e, inForce, conceptsByCode);
      const covered = found.direct.length + found.viaConcept.length > 0;
      return {
        category: toOffenceCategory(e),
        covered,
        state: coverageState(covered, inForce.length),
        directProvisions: found.direct,
        conceptProvisions: found.viaConcept,
      };
    });
}

function powerRowsOf(
  f: CoverageFacts,
  inForce: readonly LegalProvision[],
): ProceduralPowerCoverage[] {
  const articleColumn = POWER_ARTICLE[f.scheme];
  return f.powers
    .filter((e) => e.attributes[articleColumn])
    .map((e) => {
      const found = powerCoverage(e, inForce);
      return {
        power: toProceduralPower(e),
        article: e.attributes[articleColumn] ?? '',
        covered: found.length > 0,
        state: coverageState(found.length > 0, inForce.length),
        provisions: found,
      };
    });
}

/** For each offence and power of the scheme, whether the provisions in force cover it. */
export function legalCoverageOf(f: CoverageFacts): LegalCoverage {
  const inForce = f.provisions.filter((p) => f.inForceIds.has(p.legislationId));
  const offences = offenceRowsOf(f, inForce);
  const proceduralPowers = powerRowsOf(f, inForce);
  const allCovered = [...offences, ...proceduralPowers].every((r) => r.covered);
  return {
    scheme: f.scheme,
    offences,
    proceduralPowers,
    offencesCovered: offences.filter((r) => r.covered).length,
    proceduralPowersCovered: proceduralPowers.filter((r) => r.covered).length,
    provisionsConsidered: inForce.length,
    state:
      inForce.length === 0
        ? CoverageState.NO_PROVISIONS_RECORDED
        : allCovered
          ? CoverageState.COVERED
          : CoverageState.NOT_IN_RECORDED_PROVISIONS,
    provisionsRecorded: f.provisions.length,
    lawsRecorded: f.laws.length,
    lawOnRecord: lawOnRecord(f.provisions.length, f.laws.length, f.unctadStatus),
    unctadCybercrimeStatus: f.unctadStatus,
    lastVerifiedOn:
      f.laws
        .map((l) => l.lastVerifiedOn)
        .filter((d): d is string => !!d)
        .sort()
        .at(-1) ?? null,
    basis: basisOfRecords('legal provision in force', f.includeSynthetic, inForce),
  };
}
