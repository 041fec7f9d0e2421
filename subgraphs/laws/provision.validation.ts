import { optionalText, requiredText, type Problems } from '../../schema/validation.js';
import { MAX_TITLE } from './legislation.validation.js';
import type { CreateProvisionInput, UpdateProvisionInput } from './provision.input.js';

// The input checks of a provision's writes: pure (no database, no context). Each adds to
// `problems`, so the checks of its code tags against the lists (./write-checks.ts) join them in
// one BAD_USER_INPUT.

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
export function checkNewProvision(problems: Problems, input: CreateProvisionInput) {
  const values: CreateProvisionInput = {
    ...input,
    label: requiredText(problems, 'input.label', input.label, MAX_LABEL),
    summary: requiredText(problems, 'input.summary', input.summary, MAX_SUMMARY),
    source: requiredText(problems, 'input.source', input.source, MAX_TITLE),
  };
  return { values, instruments: checkArticles(problems, input.instrumentArticles) };
}

/** Changes to a provision, the texts given trimmed, and the instruments its articles name. */
export function checkProvisionChanges(problems: Problems, input: UpdateProvisionInput) {
  const values: UpdateProvisionInput = {
    ...input,
    label: optionalText(problems, 'input.label', input.label, MAX_LABEL),
    summary: optionalText(problems, 'input.summary', input.summary, MAX_SUMMARY),
    source: optionalText(problems, 'input.source', input.source, MAX_TITLE),
  };
  return { values, instruments: checkArticles(problems, input.instrumentArticles) };
}
