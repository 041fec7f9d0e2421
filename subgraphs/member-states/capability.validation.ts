import {
  optionalText,
  requiredText,
  throwIfInvalid,
  type Problems,
} from '../../schema/validation.js';
import type {
  CorrectCapabilityIndicatorInput,
  RecordCapabilityIndicatorInput,
} from './capability.input.js';

// Pure checks of capability indicator inputs: every problem at once, each naming its field.

const MAX_REASON = 1000;

/** A value as recorded: a score on its scale, a tier, or both. */
export interface CapabilityValue {
  readonly score: string | null;
  /** Null when there is no score. */
  readonly scoreMax: string | null;
  readonly tier: string | null;
  readonly notes: string | null;
}

function checkValue(
  problems: Problems,
  input: Pick<RecordCapabilityIndicatorInput, 'score' | 'scoreMax' | 'tier' | 'notes'>,
): CapabilityValue {
  const tier = optionalText(problems, 'input.tier', input.tier, 40) ?? null;
  const notes = optionalText(problems, 'input.notes', input.notes, 2000) ?? null;
  const score = input.score ?? null;
  const scoreMax = input.scoreMax ?? null;
  if (score === null && tier === null) {
    problems.push({ field: 'input.score', message: 'give a score, a tier or both' });
  }
  if (score !== null) {
    if (scoreMax === null) {
      problems.push({ field: 'input.scoreMax', message: 'is required with a score' });
    } else if (Number(scoreMax) <= 0) {
      problems.push({ field: 'input.scoreMax', message: 'must be above 0' });
    } else if (Number(score) < 0 || Number(score) > Number(scoreMax)) {
      problems.push({ field: 'input.score', message: `must be between 0 and ${scoreMax}` });
    }
  }
  return { score, scoreMax: score === null ? null : scoreMax, tier, notes };
}

/** A value to record: its index, edition and pillar, and the value itself. */
export function checkRecord(input: RecordCapabilityIndicatorInput): CapabilityValue & {
  indexName: string;
  edition: string;
  pillar: string;
} {
  const problems: Problems = [];
  const indexName = requiredText(problems, 'input.indexName', input.indexName, 100);
  const edition = requiredText(problems, 'input.edition', input.edition, 20);
  const pillar = requiredText(problems, 'input.pillar', input.pillar, 100);
  const value = checkValue(problems, input);
  throwIfInvalid(problems);
  return { indexName, edition, pillar, ...value };
}

/** A correction: the value as it should read, and why. */
export function checkCorrection(input: CorrectCapabilityIndicatorInput): {
  value: CapabilityValue;
  reason: string;
} {
  const problems: Problems = [];
  const reason = requiredText(problems, 'input.reason', input.reason, MAX_REASON);
  const value = checkValue(problems, input);
  throwIfInvalid(problems);
  return { value, reason };
}

/** Why a value is withdrawn. */
export function checkWithdrawal(reason: string): string {
  const problems: Problems = [];
  const why = requiredText(problems, 'reason', reason, MAX_REASON);
  throwIfInvalid(problems);
  return why;
}
