import { el, type Panel } from '../panel.js';
import type { ContributionsData, DeliveredData, Delivery } from '../types.js';
import { FRED, type ViewContext, barOption, grid, label, panel, syn, usd } from './common.js';

function deliverySeries(d: Delivery, name: (row: Delivery['rows'][number]) => string) {
  return { names: d.rows.map(name), rows: d.rows };
}

/** The Global Programme: activities, practitioners by sex, requests; contributions by donor/year. */
export async function programmeView(ctx: ViewContext): Promise<void> {
  const box = grid(
    ctx,
    'Global Programme on Cybercrime',
    'Technical assistance delivered (activities and practitioners trained by region, pillar and sex), requests received and met, and contributions by donor and year in US dollars with the exchange rates used.',
  );
  const from = ctx.params.get('from') ?? undefined;
  const to = ctx.params.get('to') ?? undefined;
  const period = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const vars = { ...period, includeSynthetic: ctx.includeSynthetic };
  box.before(periodControls(ctx, from, to));

  const byRegion = panel(ctx, box, {
    id: 'delivery-region',
    title: 'Activities and practitioners trained by region',
    operation: 'TechnicalAssistanceDelivered',
    variables: vars,
    needs: ['assistance'],
  });
  const byPillar = panel(ctx, box, {
    id: 'delivery-pillar',
    title: 'Activities by pillar',
    operation: 'TechnicalAssistanceDelivered',
    variables: vars,
    needs: ['assistance'],
  });
  const bySex = panel(ctx, box, {
    id: 'delivery-sex',
    title: 'Practitioners trained by sex and region',
    operation: 'TechnicalAssistanceDelivered',
    variables: vars,
    needs: ['assistance'],
  });
  const requests = panel(ctx, box, {
    id: 'requests',
    title: 'Requests received and met',
    operation: 'TechnicalAssistanceDelivered',
    variables: vars,
    needs: ['assistance'],
  });
  const contributions = panel(ctx, box, {
    id: 'contributions',
    title: 'Contributions received by donor and year (USD)',
    operation: 'ContributionsByDonorYear',
    variables: vars,
    needs: ['funding'],
    wide: true,
  });

  const [delivered, money] = await Promise.all([
    ctx.graph.run<DeliveredData>('TechnicalAssistanceDelivered', vars),
    ctx.graph.run<ContributionsData>('ContributionsByDonorYear', vars),
  ]);

  const region = byRegion.accept(delivered, (d) => d.byRegion);
  if (region) {
    showDeliveryByRegion(ctx, byRegion, region);
    showTrainedBySex(ctx, bySex, region);
    showRequests(ctx, requests, region);
  } else {
    for (const other of [bySex, requests]) {
      other.accept(delivered, (d) => d.byRegion);
    }
  }

  const pillar = byPillar.accept(delivered, (d) => d.byPillar);
  if (pillar) {
    showDeliveryByPillar(ctx, byPillar, pillar);
  }

  const summary = contributions.accept(money, (d) => d.fundingSummary);
  if (summary) {
    showContributions(ctx, contributions, summary);
  }
}

/** Activities and practitioners trained, by region. */
function showDeliveryByRegion(
  ctx: ViewContext,
  byRegion: Panel,
  region: NonNullable<DeliveredData['byRegion']>,
): void {
  const s = deliverySeries(region, (r) => r.region?.name ?? r.key);
  const synthetic = syn(ctx, region.basis.syntheticRecords);
  byRegion.figures([
    [
      'activities-total',
      'Activities (each counted once per region)',
      s.rows.reduce((n, r) => n + r.activities, 0),
    ],
    [
      'trained-total',
      'Practitioners trained',
      s.rows.reduce((n, r) => n + r.practitionersTrained.total, 0),
    ],
  ]);
  byRegion.draw(
    barOption(
      s.names,
      [
        { name: 'Activities', values: s.rows.map((r) => r.activities) },
        {
          name: 'Practitioners trained',
          values: s.rows.map((r) => r.practitionersTrained.total),
        },
      ],
      synthetic,
    ),
    `Activities and practitioners trained by region: ${s.rows.map((r, i) => `${s.names[i]} ${r.activities} activities, ${r.practitionersTrained.total} trained`).join('; ')}.`,
  );
  byRegion.table(
    'By region',
    ['Region', 'Activities', 'Countries reached', 'Practitioners trained'],
    s.rows.map((r, i) => [
      s.names[i] ?? r.key,
      r.activities,
      r.countriesReached,
      r.practitionersTrained.total,
    ]),
  );
  byRegion.ready({
    synthetic,
    sources: ['Global Programme on Cybercrime activity records (UNODC)'],
    note: region.rules,
  });
}

/** Practitioners trained by sex and region. */
function showTrainedBySex(
  ctx: ViewContext,
  bySex: Panel,
  region: NonNullable<DeliveredData['byRegion']>,
): void {
  const s = deliverySeries(region, (r) => r.region?.name ?? r.key);
  const synthetic = syn(ctx, region.basis.syntheticRecords);
  const sexSynthetic = synthetic;
  bySex.figures([
    ['female', 'Women', s.rows.reduce((n, r) => n + r.practitionersTrained.female, 0)],
    ['male', 'Men', s.rows.reduce((n, r) => n + r.practitionersTrained.male, 0)],
    ['other', 'Other or not stated', s.rows.reduce((n, r) => n + r.practitionersTrained.other, 0)],
  ]);
  bySex.draw(
    barOption(
      s.names,
      [
        { name: 'Women', values: s.rows.map((r) => r.practitionersTrained.female) },
        { name: 'Men', values: s.rows.map((r) => r.practitionersTrained.male) },
        { name: 'Other or not stated', values: s.rows.map((r) => r.practitionersTrained.other) },
      ],
      sexSynthetic,
      { stack: true },
    ),
    `Practitioners trained by sex and region.`,
  );
  bySex.table(
    'Practitioners trained by sex',
    ['Region', 'Women', 'Men', 'Other'],
    s.rows.map((r, i) => [
      s.names[i] ?? r.key,
      r.practitionersTrained.female,
      r.practitionersTrained.male,
      r.practitionersTrained.other,
    ]),
  );
  bySex.ready({
    synthetic: sexSynthetic,
    sources: ['Global Programme on Cybercrime activity records (UNODC)'],
  });
}

/** Assistance requests received and met, by region. */
function showRequests(
  ctx: ViewContext,
  requests: Panel,
  region: NonNullable<DeliveredData['byRegion']>,
): void {
  const s = deliverySeries(region, (r) => r.region?.name ?? r.key);
  const synthetic = syn(ctx, region.basis.syntheticRecords);
  requests.figures([
    [
      'requests-received',
      'Requests received',
      s.rows.reduce((n, r) => n + (r.requestsReceived ?? 0), 0),
    ],
    ['requests-met', 'Requests met', s.rows.reduce((n, r) => n + (r.requestsMet ?? 0), 0)],
  ]);
  requests.draw(
    barOption(
      s.names,
      [
        { name: 'Received', values: s.rows.map((r) => r.requestsReceived ?? 0) },
        { name: 'Met', values: s.rows.map((r) => r.requestsMet ?? 0) },
      ],
      synthetic,
    ),
    'Assistance requests received and met by region.',
  );
  requests.table(
    'Requests by region',
    ['Region', 'Received', 'Met'],
    s.rows.map((r, i) => [s.names[i] ?? r.key, r.requestsReceived ?? 0, r.requestsMet ?? 0]),
  );
  requests.ready({
    synthetic,
    sources: ['Assistance requests recorded by the Global Programme (UNODC)'],
  });
}

function showDeliveryByPillar(
  ctx: ViewContext,
  byPillar: Panel,
  pillar: NonNullable<DeliveredData['byPillar']>,
): void {
  const synthetic = syn(ctx, pillar.basis.syntheticRecords);
  byPillar.figures(
    pillar.rows.map((r) => [`pillar-${r.key}`, label(r.pillar ?? r.key), r.activities] as const),
  );
  byPillar.draw(
    barOption(
      pillar.rows.map((r) => label(r.pillar ?? r.key)),
      [
        { name: 'Activities', values: pillar.rows.map((r) => r.activities) },
        {
          name: 'Practitioners trained',
          values: pillar.rows.map((r) => r.practitionersTrained.total),
        },
      ],
      synthetic,
    ),
    `Activities by pillar: ${pillar.rows.map((r) => `${label(r.pillar ?? r.key)} ${r.activities}`).join(', ')}.`,
  );
  byPillar.table(
    'By pillar',
    ['Pillar', 'Activities', 'Practitioners trained'],
    pillar.rows.map((r) => [label(r.pillar ?? r.key), r.activities, r.practitionersTrained.total]),
  );
  byPillar.ready({
    synthetic,
    sources: ['Global Programme on Cybercrime activity records (UNODC)'],
  });
}

function showContributions(
  ctx: ViewContext,
  contributions: Panel,
  summary: ContributionsData['fundingSummary'],
): void {
  const synthetic = syn(ctx, summary.basis.syntheticRecords);
  const years = [...new Set(summary.groups.map((g) => g.year ?? 0))].sort((x, y) => x - y);
  const donors = [...new Set(summary.groups.map((g) => g.donor?.name ?? 'Unknown donor'))];
  const total = summary.groups.reduce((n, g) => n + Number(g.received.amountUsd ?? 0), 0);
  contributions.figures([
    ['received-usd', 'Received (USD)', usd(String(total))],
    ['donors', 'Donors', donors.length],
    ['groups', 'Donor-years', summary.groups.length],
  ]);
  contributions.draw(
    barOption(
      years.map(String),
      donors.map((name) => ({
        name,
        values: years.map((y) =>
          summary.groups
            .filter((g) => (g.donor?.name ?? 'Unknown donor') === name && (g.year ?? 0) === y)
            .reduce((n, g) => n + Number(g.received.amountUsd ?? 0), 0),
        ),
      })),
      synthetic,
      { stack: true },
    ),
    `Contributions received in USD by year, stacked by donor; total ${usd(String(total))}.`,
    360,
  );
  contributions.table(
    'By donor and year',
    ['Donor', 'Year', 'Pledged (USD)', 'Received (USD)', 'Spent (USD)'],
    summary.groups.map((g) => [
      g.donor?.name ?? 'Unknown donor',
      g.year ?? '',
      usd(g.pledged.amountUsd),
      usd(g.received.amountUsd),
      usd(g.spent.amountUsd),
    ]),
  );
  const rates = new Map(
    summary.groups.flatMap((g) => g.ratesUsed).map((r) => [`${r.currency} ${r.period}`, r]),
  );
  contributions.table(
    'Exchange rates used',
    ['Currency', 'Period', 'Units per USD', 'Source'],
    [...rates.values()].map((r) => [r.currency, r.period, r.fxRate, r.source]),
  );
  contributions.ready({
    synthetic,
    sources: [FRED, summary.scope],
    note: summary.conversionRule,
  });
}

/** The programme view's period: from and to years, kept in the address. */
function periodControls(
  ctx: ViewContext,
  from: string | undefined,
  to: string | undefined,
): HTMLElement {
  const controls = el('form', { class: 'controls', 'aria-label': 'Period' });
  const yearNow = new Date().getUTCFullYear();
  const fromSel = el('select', { id: 'from-year', 'aria-label': 'From year' });
  const toSel = el('select', { id: 'to-year', 'aria-label': 'To year' });
  for (const [sel, current, bound] of [
    [fromSel, from, 'from'],
    [toSel, to, 'to'],
  ] as const) {
    sel.append(el('option', { value: '' }, bound === 'from' ? 'from the start' : 'to date'));
    for (let y = 2013; y <= yearNow; y += 1) {
      const v = bound === 'from' ? `${y}-01-01` : `${y}-12-31`;
      const o = el('option', { value: v }, String(y));
      o.selected = current === v;
      sel.append(o);
    }
    sel.addEventListener('change', () => {
      const next = new URLSearchParams(ctx.params);
      for (const [key, s] of [
        ['from', fromSel],
        ['to', toSel],
      ] as const) {
        if (s.value) {
          next.set(key, s.value);
        } else {
          next.delete(key);
        }
      }
      ctx.navigate(`/dashboard/programme?${next.toString()}`);
    });
  }
  controls.append(
    el('label', { for: 'from-year' }, 'Period: '),
    fromSel,
    el('span', {}, ' – '),
    toSel,
  );
  return controls;
}
