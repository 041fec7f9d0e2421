import type { Kysely } from 'kysely';
import { insertInChunks, rowsFor } from '../../loaders/bulk-insert.js';
import { mulberry32, pick } from '../../loaders/seed-data/synthetic.js';
import type { FundingTables } from './funding.table.js';

const SOURCE =
  'Synthetic: copied by subgraphs/funding/synthetic-scale.ts for the benchmark (seeded PRNG); not a real flow.';

/**
 * The benchmark's scale-up (`npm run bench -- --scale N`): N − 1 copies of every synthetic
 * project of the seed (children of the real programme, which stays their parent), with its
 * participants, transactions and budgets, each copy paying a
 * different recipient country drawn from the known countries, so funding spreads over more
 * States. Real rows are never copied. Run on a fresh, seeded database; every added row is
 * `synthetic`.
 */
export async function scaleFunding(
  db: Kysely<FundingTables>,
  scale: number,
  progress: (done: number, total: number) => void,
): Promise<Record<string, number>> {
  const projects = await db
    .selectFrom('project')
    .selectAll()
    .where('synthetic', '=', true)
    .execute();
  const ids = projects.map((p) => p.id);
  if (ids.length === 0 || scale <= 1) {
    return { syntheticProjects: 0, syntheticTransactions: 0 };
  }
  const [participants, recipients, transactions, budgets, countries] = await Promise.all([
    db.selectFrom('project_participant').selectAll().where('project_id', 'in', ids).execute(),
    db.selectFrom('project_recipient_country').selectAll().where('project_id', 'in', ids).execute(),
    db.selectFrom('funding_transaction').selectAll().where('synthetic', '=', true).execute(),
    db.selectFrom('budget').selectAll().where('synthetic', '=', true).execute(),
    db.selectFrom('known_country').select(['iso3', 'region_m49']).orderBy('iso3').execute(),
  ]);
  const random = mulberry32(228 + scale);
  const copyId = (id: string, k: number) => `${id}-x${k}`;
  const copied = new Set(ids);
  const out = {
    projects: [] as typeof projects,
    participants: [] as typeof participants,
    recipients: [] as typeof recipients,
    transactions: [] as typeof transactions,
    budgets: [] as typeof budgets,
  };
  for (let k = 1; k < scale; k += 1) {
    for (const p of projects) {
      out.projects.push({
        ...p,
        id: copyId(p.id, k),
        title: `${p.title} — copy ${k} (benchmark only)`,
        source: SOURCE,
      });
    }
    for (const r of participants) {
      out.participants.push({ ...r, project_id: copyId(r.project_id, k) });
    }
    const recipientOf = new Map<string, { iso3: string; region_m49: string }>();
    for (const r of recipients) {
      const key = `${r.project_id}:${r.country_iso3}`;
      const country = recipientOf.get(key) ?? pick(random, countries);
      recipientOf.set(key, country);
      out.recipients.push({
        ...r,
        project_id: copyId(r.project_id, k),
        country_iso3: country.iso3,
        region_m49: country.region_m49,
      });
    }
    for (const t of transactions) {
      out.transactions.push({
        ...t,
        id: copyId(t.id, k),
        project_id: copied.has(t.project_id) ? copyId(t.project_id, k) : t.project_id,
        source: SOURCE,
      });
    }
    for (const b of budgets) {
      out.budgets.push({ ...b, id: copyId(b.id, k), project_id: copyId(b.project_id, k) });
    }
  }
  // Two copies of one project may draw the same recipient twice: keep the first.
  const seen = new Set<string>();
  out.recipients = out.recipients.filter((r) => {
    const key = `${r.project_id}:${r.country_iso3}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  await db.transaction().execute((trx) =>
    insertInChunks(
      [
        rowsFor(
          out.projects.map(({ updated_at: _, ...row }) => row),
          (c) => trx.insertInto('project').values(c).execute(),
        ),
        rowsFor(out.participants, (c) => trx.insertInto('project_participant').values(c).execute()),
        rowsFor(out.recipients, (c) =>
          trx.insertInto('project_recipient_country').values(c).execute(),
        ),
        rowsFor(
          out.transactions.map(({ updated_at: _, ...row }) => row),
          (c) => trx.insertInto('funding_transaction').values(c).execute(),
        ),
        rowsFor(out.budgets, (c) => trx.insertInto('budget').values(c).execute()),
      ],
      progress,
    ),
  );
  return {
    syntheticProjects: out.projects.length,
    syntheticTransactions: out.transactions.length,
    syntheticBudgets: out.budgets.length,
  };
}
