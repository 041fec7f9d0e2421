import {
  optionalText,
  requiredText,
  throwIfInvalid,
  type Problems,
} from '../../schema/validation.js';
import { CodeList, type CodeEntry } from './code-list.entity.js';
import { checkCodeTags, type CodeTags } from './code-list.validation.js';
import { MAX_TITLE } from './legislation.validation.js';
import type { CreateProvisionInput, UpdateProvisionInput } from './provision.input.js';

// The input checks of a provision's writes: pure (no database, no context). Each adds to
// `problems`, so the checks of its code tags against the lists (./code-list.validation.ts) join
// them in one BAD_USER_INPUT. The write resolver passes in every code-list entry
// (`allCodeEntries`) and then checks that the instruments named exist (`assertInstruments`).

export const MAX_SUMMARY = 1000;
const MAX_LABEL = 100;

/** "<instrument code>:<article>", such as "CETS-185:2"; the codes of the instruments named. */
function checkArticles(problems: Problems, articles: readonly string[] | undefined): string[] {
  const instruments: string[] = [];
  for (const article of articles ?? []) {
    const [instrument, number, extra] = article.split(':');
    if (!instrument || !number || extra !== undefined) {
      problems.push({
        field: 'input.instrumentArticles',
        message: `"${article}" must be written "<instrument code>:<article>", such as "CETS-185:2"`,
      });
    } else {
      instruments.push(instrument);
    }
  }
  return instruments;
}

/** A new provision, its texts trimmed, and the instruments its articles name. */
function checkNewProvision(problems: Problems, input: CreateProvisionInput) {
  const values: CreateProvisionInput = {
    ...input,
    label: requiredText(problems, 'input.label', input.label, MAX_LABEL),
    summary: requiredText(problems, 'input.summary', input.summary, MAX_SUMMARY),
    source: requiredText(problems, 'input.source', input.source, MAX_TITLE),
  };
  return { values, instruments: checkArticles(problems, input.instrumentArticles) };
}

/** Changes to a provision, the texts given trimmed, and the instruments its articles name. */
function checkProvisionChanges(problems: Problems, input: UpdateProvisionInput) {
  const values: UpdateProvisionInput = {
    ...input,
    label: optionalText(problems, 'input.label', input.label, MAX_LABEL),
    summary: optionalText(problems, 'input.summary', input.summary, MAX_SUMMARY),
    source: optionalText(problems, 'input.source', input.source, MAX_TITLE),
  };
  return { values, instruments: checkArticles(problems, input.instrumentArticles) };
}

const provisionTags = (i: UpdateProvisionInput): CodeTags => [
  ['offenceCategories', CodeList.OFFENCE_CATEGORY, i.offenceCategories],
  ['proceduralPowers', CodeList.PROCEDURAL_POWER, i.proceduralPowers],
  ['cooperationMechanisms', CodeList.COOPERATION_MECHANISM, i.cooperationMechanisms],
  ['crossCuttingIssues', CodeList.CROSS_CUTTING_ISSUE, i.crossCuttingIssues],
];

/** A new provision's input, checked whole against the code lists; its texts trimmed. */
export function validateNewProvision(input: CreateProvisionInput, codes: readonly CodeEntry[]) {
  const problems: Problems = [];
  const checked = checkNewProvision(problems, input);
  checkCodeTags(problems, provisionTags(input), codes);
  throwIfInvalid(problems);
  return checked;
}

/** Changes to a provision, checked whole against the code lists; the texts given trimmed. */
export function validateProvisionChanges(input: UpdateProvisionInput, codes: readonly CodeEntry[]) {
  const problems: Problems = [];
  const checked = checkProvisionChanges(problems, input);
  checkCodeTags(problems, provisionTags(input), codes);
  throwIfInvalid(problems);
  return checked;
}
