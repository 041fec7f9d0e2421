import type { Budget } from './budget.entity.js';
import type { FundingContext } from './context.js';
import type { Country, Organization } from './foreign.entity.js';
import { canSeeTransaction } from './funding.access.js';
import type { Project } from './project.entity.js';
import type { Transaction } from './transaction.entity.js';

export function resolveProjectReference(
  reference: { id: string },
  ctx: FundingContext,
): Promise<Project | null> {
  return ctx.loaders.projectById.load(reference.id);
}

export async function resolveTransactionReference(
  reference: { id: string },
  ctx: FundingContext,
): Promise<Transaction | null> {
  const transaction = await ctx.loaders.transactionById.load(reference.id);
  return transaction && canSeeTransaction(ctx.viewer, transaction) ? transaction : null;
}

/** Stubs owned elsewhere: the key is all this subgraph needs to add its fields. */
export function resolveOrganizationReference(reference: { id: string }): Organization {
  return { id: reference.id };
}

export function resolveCountryReference(reference: { iso3: string }): Country {
  return { iso3: reference.iso3 };
}

export function resolveBudgetReference(
  reference: { id: string },
  ctx: FundingContext,
): Promise<Budget | null> {
  return ctx.loaders.budgetById.load(reference.id);
}
