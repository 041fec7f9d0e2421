import type { Kysely } from 'kysely';
import { insertInChunks, rowsFor } from '../../loaders/bulk-insert.js';
import { mulberry32, pick } from '../../loaders/seed-data/synthetic.js';
import type { FundingTables } from './funding.table.js';

const SOURCE =
  'Synthetic: copied by subgraphs/funding/synthetic-scale.seed.ts for the benchmark (seeded PRNG); not a real flow.';

async function readSynthetic(db: Kysely<FundingTables>) {
  const projects = await db
    .selectFrom('project')
    .selectAll()
    .where('synthetic', '=', true)
    .execute();
  const ids = projects.map((p) => p.id);
  if (ids.length === 0) {
    return undefined;
  }
  const [participants, recipients, transactions, budgets, countries] = await Promise.all([
    db.selectFrom('project_participant').selectAll().where('project_id', 'in', ids).execute(),
    db.selectFrom('project_recipient_country').selectAll().where('project_id', 'in', ids).execute(),
    db.selectFrom('funding_transaction').selectAll().where('synthetic', '=', true).execute(),
    db.selectFrom('budget').selectAll().where('synthetic', '=', true).execute(),
    db.selectFrom('known_country').select(['iso3', 'region_m49']).orderBy('iso3').execute(),
  ]);
  return { projects, participants, recipients, transactions, budgets, countries };
}

type Synthetic = NonNullable<Awaited<ReturnType<typeof readSynthetic>>>;
type Copies = Omit<Synthetic, 'countries'>;

const copyId = (id: string, k: number) => `${id}-x${k}`;

/** Copy `k` of every row; each copied project's recipients drawn anew from the known countries. */
function copyOnce(read: Synthetic, k: number, random: () => number, out: Copies): void {
  const copied = new Set(read.projects.map((p) => p.id));
  for (const p of read.projects) {
    out.projects.push({
      ...p,
      id: copyId(p.id, k),
      title: `${p.title} — copy ${k} (benchmark only)`,
      source: SOURCE,
    });
  }
  for (const r of read.participants) {
    out.participants.push({ ...r, project_id: copyId(r.project_id, k) });
  }
  const recipientOf = new Map<string, { iso3: string; region_m49: string }>();
  for (const r of read.recipients) {
    const key = `${r.project_id}:${r.country_iso3}`;
    const country = recipientOf.get(key) ?? pick(random, read.countries);
    recipientOf.set(key, country);
    out.recipients.push({
      ...r,
      project_id: copyId(r.project_id, k),
      country_iso3: country.iso3,
      region_m49: country.region_m49,
    });
  }
  for (const t of read.transactions) {
    out.transactions.push({
      ...t,
      id: copyId(t.id, k),
      project_id: copied.has(t.project_id) ? copyId(t.project_id, k) : t.project_id,
      source: SOURCE,
    });
  }
  for (const b of read.budgets) {
    out.budgets.push({ ...b, id: copyId(b.id, k), project_id: copyId(b.project_id, k) });
  }
}

async function insertCopies(
  db: Kysely<FundingTables>,
  out: Copies,
  progress: (done: number, total: number) => void,
): Promise<void> {
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
}

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
  const read = scale > 1 ? await readSynthetic(db) : undefined;
  if (!read) {
    return { syntheticProjects: 0, syntheticTransactions: 0 };
  }
  const random = mulberry32(228 + scale);
  const out: Copies = {
    projects: [],
    participants: [],
    recipients: [],
    transactions: [],
    budgets: [],
  };
  for (let k = 1; k < scale; k += 1) {
    copyOnce(read, k, random, out);
  }
  // Two copies of one project may draw the same recipient twice: keep the first.
  const seen = new Set<string>();
  out.recipients = out.recipients.filter((r) => {
    const key = `${r.project_id}:${r.country_iso3}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  await insertCopies(db, out, progress);
  return {
    syntheticProjects: out.projects.length,
    syntheticTransactions: out.transactions.length,
    syntheticBudgets: out.budgets.length,
  };
}
