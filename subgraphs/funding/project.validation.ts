import { requiredText, type Problems } from '../../schema/validation.js';
import type { ProjectInput, UpdateProjectInput } from './project.input.js';

// The checks of a project's input. Pure: what the database knows (the countries and
// organisations that exist) is read first and passed in.

const ID = /^[a-z0-9][a-z0-9-]{1,63}$/;
const MAX_TITLE = 1000;

/**
 * Sums percentages exactly, in hundredths, as integers (at most two decimals each). Returns the
 * problem or `undefined` when they sum to 100.
 */
export function percentagesProblem(
  values: readonly (string | null | undefined)[],
): string | undefined {
  const given = values.filter((v): v is string => v !== null && v !== undefined);
  if (given.length === 0) {
    return values.length > 1
      ? 'give a percentage for each country when there are several'
      : undefined;
  }
  if (given.length !== values.length) {
    return 'give a percentage for every country, or for none';
  }
  let hundredths = 0n;
  for (const value of given) {
    const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(value);
    if (!match) {
      return `"${value}" is not a percentage with at most two decimals`;
    }
    hundredths += BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  }
  if (hundredths !== 10000n) {
    const whole = hundredths / 100n;
    const cents = String(hundredths % 100n).padStart(2, '0');
    return `must sum to 100; they sum to ${whole}.${cents}`;
  }
  return undefined;
}

function sectorProblems(problems: Problems, field: string, sectors: readonly string[]): void {
  sectors.forEach((code, i) => {
    if (!/^\d{5}$/.test(code)) {
      problems.push({
        field: `${field}[${i}]`,
        message: `"${code}" is not a five-digit DAC purpose code`,
      });
    }
  });
}

/** A start not after its end (ISO dates compare as text). */
function orderedDates(
  problems: Problems,
  start: readonly [field: string, value: string | null | undefined],
  end: readonly [field: string, value: string | null | undefined],
): void {
  if (start[1] && end[1] && start[1] > end[1]) {
    problems.push({
      field: end[0],
      message: `must not be before ${start[0].replace('input.', '')}`,
    });
  }
}

/** A new project, with the countries (ISO3 → M49 region) and organisations that exist. */
export function projectProblems(
  input: ProjectInput,
  known: { regions: ReadonlyMap<string, string>; organizations: ReadonlySet<string> },
): Problems {
  const problems: Problems = [];
  if (!ID.test(input.id)) {
    problems.push({
      field: 'input.id',
      message: 'use 2–64 lower-case letters, digits and hyphens',
    });
  }
  requiredText(problems, 'input.title', input.title, MAX_TITLE);
  orderedDates(
    problems,
    ['input.plannedStart', input.plannedStart],
    ['input.plannedEnd', input.plannedEnd],
  );
  const percentages = percentagesProblem(input.recipientCountries.map((r) => r.percentage));
  if (percentages) {
    problems.push({ field: 'input.recipientCountries.percentage', message: percentages });
  }
  input.recipientCountries.forEach(({ iso3 }, i) => {
    if (!known.regions.has(iso3)) {
      problems.push({
        field: `input.recipientCountries[${i}].iso3`,
        message: `"${iso3}" is not a UN Member or observer State`,
      });
    }
  });
  input.participatingOrgs.forEach(({ organizationId }, i) => {
    if (!known.organizations.has(organizationId)) {
      problems.push({
        field: `input.participatingOrgs[${i}].organizationId`,
        message: `"${organizationId}" is not a known organisation id`,
      });
    }
  });
  sectorProblems(problems, 'input.sectors', input.sectors);
  return problems;
}

/** Changes to a project: title and status cannot be cleared. */
export function projectUpdateProblems(input: UpdateProjectInput): Problems {
  const problems: Problems = [];
  if (input.title !== undefined) {
    requiredText(problems, 'input.title', input.title, MAX_TITLE);
  }
  if (input.status === null) {
    problems.push({ field: 'input.status', message: 'cannot be cleared' });
  }
  sectorProblems(problems, 'input.sectors', input.sectors ?? []);
  return problems;
}

/** The dates of a project as changed: checked with the stored ones, so no end crosses its start. */
export function projectDateProblems(after: {
  planned_start?: string | null;
  planned_end?: string | null;
  actual_start?: string | null;
  actual_end?: string | null;
}): Problems {
  const problems: Problems = [];
  orderedDates(
    problems,
    ['input.plannedStart', after.planned_start],
    ['input.plannedEnd', after.planned_end],
  );
  orderedDates(
    problems,
    ['input.actualStart', after.actual_start],
    ['input.actualEnd', after.actual_end],
  );
  return problems;
}
