import type { CodeEntry } from './code-list.entity.js';
import type { LegalProvision } from './legislation.entity.js';

export interface CategoryCoverage {
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
