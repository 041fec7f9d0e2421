import { foldTextJs } from '../../loaders/text-fold.js';
import { hash, type NewOrganization, type Step } from './iati-step.import.js';
import type { IatiOrgMention } from './iati.model.js';

// The organisations an activity names: a curated one, or an unverified one created for it.

/**
 * The organisation a mention names: a curated one by reference (this project's id or its IATI
 * identifier), else by name; else an unverified one, created for this mention (its id derived
 * from the reference, or the folded name, so the same mention finds it again). Undefined when
 * the mention names nothing or is refused.
 */
export function resolveOrganization(
  step: Step,
  mention: IatiOrgMention,
  at: string,
  element: string,
): string | undefined {
  const { context, findings } = step;
  const curated =
    (mention.ref ? context.byRef.get(mention.ref) : undefined) ??
    byUniqueName(step, mention, at, element);
  if (curated) {
    if (curated.synthetic && !context.synthetic) {
      findings.refuse(
        at,
        element,
        `"${curated.id}" is a synthetic organisation; a real file cannot name it`,
      );
      return undefined;
    }
    return curated.id;
  }
  if (!mention.ref && !mention.name) {
    return undefined;
  }
  const candidate = unverifiedOrganization(mention, at, context.synthetic);
  const known = context.byId.get(candidate.id) ?? context.pending.get(candidate.id);
  if (known) {
    return known.id;
  }
  if (!context.canRegister) {
    findings.refuse(at, element, `${describe(mention)} is not a known organisation`);
    return undefined;
  }
  context.pending.set(candidate.id, candidate);
  step.newOrganizations.set(candidate.id, candidate);
  findings.warn(
    at,
    element,
    `${describe(mention)} is not a known organisation: created unverified as "${candidate.id}"`,
  );
  return candidate.id;
}

function byUniqueName(step: Step, mention: IatiOrgMention, at: string, element: string) {
  if (!mention.name) {
    return undefined;
  }
  const matches = step.context.byName.get(foldTextJs(mention.name).trim()) ?? [];
  if (matches.length !== 1) {
    return undefined;
  }
  if (mention.ref) {
    step.findings.warn(
      at,
      element,
      `ref "${mention.ref}" is not recorded; matched "${mention.name}" by name to "${matches[0]!.id}"`,
    );
  }
  return matches[0];
}

function describe(mention: IatiOrgMention): string {
  return [mention.ref ? `ref "${mention.ref}"` : '', mention.name ? `name "${mention.name}"` : '']
    .filter(Boolean)
    .join(' with ');
}

/** A deterministic slug for an organisation known only by a reference or a name. */
function unverifiedOrganization(
  mention: IatiOrgMention,
  at: string,
  synthetic: boolean,
): NewOrganization {
  const key = mention.ref ? `ref:${mention.ref}` : `name:${foldTextJs(mention.name ?? '').trim()}`;
  const slug = (mention.ref ?? mention.name ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 36)
    .replace(/-+$/, '');
  const prefix = synthetic ? 'syn-iati' : 'iati';
  return {
    id: `${prefix}-${slug ? `${slug}-` : ''}${hash(`${synthetic}|${key}`).slice(0, 8)}`,
    name: mention.name ?? mention.ref ?? '',
    ref: mention.ref ?? null,
    type: mention.type ?? null,
    at,
    synthetic,
  };
}
