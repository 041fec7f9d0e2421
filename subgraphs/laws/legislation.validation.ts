import {
  dateRange,
  optionalText,
  requiredText,
  throwIfInvalid,
  year,
  type Problems,
} from '../../schema/validation.js';
import { assertCountries } from './case-law.validation.js';
import type {
  CreateLegislationInput,
  PromoteCatalogueEntryInput,
  UpdateLegislationInput,
} from './legislation.input.js';

// The input checks of a law's writes: pure (no database, no context); each names every invalid
// field of the input at once. The laws an input names are checked by the write resolver, through
// its loaders (`assertVisibleLaws`, ./laws.access.ts).

export const MAX_TITLE = 500;

/** In force no earlier than adopted. */
function checkDates(problems: Problems, input: { adoptedOn?: string; inForceOn?: string }) {
  dateRange(problems, ['input.adoptedOn', input.adoptedOn], ['input.inForceOn', input.inForceOn]);
}

/** A new law, with its title and source trimmed; then its State (NOT_FOUND when unknown). */
export function validateNewLegislation(input: CreateLegislationInput): CreateLegislationInput {
  const problems: Problems = [];
  const title = requiredText(problems, 'input.title', input.title, MAX_TITLE);
  const source = requiredText(problems, 'input.source', input.source, MAX_TITLE);
  year(problems, 'input.year', input.year);
  checkDates(problems, input);
  throwIfInvalid(problems);
  assertCountries([input.countryIso3], 'input.countryIso3');
  return { ...input, title, source };
}

/** Changes to law `id`, with the texts given trimmed; a law cannot amend itself. */
export function validateLegislationChanges(
  id: string,
  input: UpdateLegislationInput,
): UpdateLegislationInput {
  const problems: Problems = [];
  const title = optionalText(problems, 'input.title', input.title, MAX_TITLE);
  const source = optionalText(problems, 'input.source', input.source, MAX_TITLE);
  year(problems, 'input.year', input.year);
  if (input.amends?.includes(id)) {
    problems.push({ field: 'input.amends', message: 'a law cannot amend itself' });
  }
  throwIfInvalid(problems);
  return { ...input, title, source };
}

/** What a curator adds to a catalogue entry: the source is required, the title optional. */
export function validatePromotion(input: PromoteCatalogueEntryInput): PromoteCatalogueEntryInput {
  const problems: Problems = [];
  const title = optionalText(problems, 'input.title', input.title, MAX_TITLE);
  const source = requiredText(problems, 'input.source', input.source, MAX_TITLE);
  year(problems, 'input.year', input.year);
  checkDates(problems, input);
  throwIfInvalid(problems);
  return { ...input, title, source };
}
