import { CATEGORICAL, SYNTHETIC_MARK } from '../../charts/palette.js';
import { WORLD_MAP_ATTRIBUTION } from '../../charts/world.js';
import {
  cyberlawStatusCounts,
  legislationStatusWorld,
} from '../../charts/figures/legislation-status-world.js';
import {
  PARTICIPATION_CATEGORIES,
  worldCategoryMapOption,
} from '../../charts/figures/world-category-map.js';
import type { Graph, Outcome } from './graph.js';
import { el, Panel } from './panel.js';
import type {
  AssistanceData,
  ContributionsData,
  CyberlawStatusWorldData,
  DeliveredData,
  Delivery,
  FundingData,
  GapsData,
  LawsData,
  OverlapsData,
  PartnersData,
  ProfileData,
  TreatyMapData,
} from './types.js';

/** What every view gets: where to draw, the client, the viewer's choices, and a navigator. */
export interface ViewContext {
  readonly main: HTMLElement;
  readonly graph: Graph;
  readonly includeSynthetic: boolean;
  readonly params: URLSearchParams;
  readonly navigate: (path: string) => void;
  readonly link: (path: string, text: string) => HTMLAnchorElement;
  readonly panels: Panel[];
}

const LANGUAGES = [
  ['en', 'English'],
  ['fr', 'French'],
  ['es', 'Spanish'],
  ['ru', 'Russian'],
  ['zh', 'Chinese'],
  ['ar', 'Arabic'],
] as const;

const UNCTAD = 'UN Trade and Development (UNCTAD), Global Cyberlaw Tracker';
const FRED = 'Exchange rates: Federal Reserve H.10/G.5 via FRED (ODC-PDDL-1.0)';

function grid(ctx: ViewContext, heading: string, intro: string): HTMLElement {
  ctx.main.replaceChildren();
  ctx.main.append(el('h1', { tabindex: '-1', id: 'view-title' }, heading));
  ctx.main.append(el('p', { class: 'intro' }, intro));
  const box = el('div', { class: 'grid' });
  ctx.main.append(box);
  return box;
}

function panel(
  ctx: ViewContext,
  parent: HTMLElement,
  options: ConstructorParameters<typeof Panel>[1],
) {
  const created = new Panel(parent, options);
  ctx.panels.push(created);
  return created;
}

function syn(ctx: ViewContext, syntheticRecords: number | boolean): boolean {
  return ctx.includeSynthetic && (syntheticRecords === true || Number(syntheticRecords) > 0);
}

function usd(value: string | null | undefined): string {
  if (value === null || value === undefined) {
    return 'not convertible';
  }
  return `$${Number(value).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
}

function label(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase().replaceAll('_', ' ');
}

function barOption(
  categories: readonly string[],
  series: readonly { name: string; values: readonly number[] }[],
  synthetic: boolean,
  options: { stack?: boolean; horizontal?: boolean } = {},
) {
  const categoryAxis = {
    type: 'category',
    data: categories,
    axisLabel: { interval: 0, width: 110, overflow: 'truncate' },
  };
  const valueAxis = { type: 'value', minInterval: 1 };
  return {
    color: [...CATEGORICAL],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, ...(synthetic ? { subtext: 'Includes synthetic records' } : {}) },
    grid: {
      left: options.horizontal ? 130 : 50,
      right: 20,
      top: 40,
      bottom: options.horizontal ? 30 : 70,
    },
    xAxis: options.horizontal
      ? valueAxis
      : { ...categoryAxis, axisLabel: { ...categoryAxis.axisLabel, rotate: 30 } },
    yAxis: options.horizontal ? categoryAxis : valueAxis,
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      data: s.values,
      ...(options.stack ? { stack: 'total' } : {}),
      ...(synthetic
        ? {
            itemStyle: {
              borderColor: SYNTHETIC_MARK,
              borderType: 'dashed',
              borderWidth: 1.5,
              decal: {
                symbol: 'rect',
                dashArrayX: [1, 0],
                dashArrayY: [2, 5],
                rotation: 0.8,
                color: 'rgba(255,255,255,0.45)',
              },
            },
          }
        : {}),
    })),
  };
}

/**
 * Every page of CyberlawStatusWorld (100 States a page, within an anonymous viewer's cost budget;
 * two pages for 195 States), joined into one answer.
 */
async function worldStatus(ctx: ViewContext): Promise<Outcome<CyberlawStatusWorldData>> {
  let outcome = await ctx.graph.run<CyberlawStatusWorldData>('CyberlawStatusWorld', {});
  const edges = [...(outcome.data?.countries.edges ?? [])];
  let page = outcome.data?.countries.pageInfo;
  while (page?.hasNextPage && page.endCursor) {
    const next = await ctx.graph.run<CyberlawStatusWorldData>('CyberlawStatusWorld', {
      after: page.endCursor,
    });
    if (!next.data) {
      return next;
    }
    edges.push(...next.data.countries.edges);
    page = next.data.countries.pageInfo;
    outcome = next;
  }
  return outcome.data
    ? { ...outcome, data: { countries: { ...outcome.data.countries, edges } } }
    : outcome;
}

/** The world map view: cybercrime-law status (UNCTAD) and treaty participation on a date. */
export async function mapView(ctx: ViewContext): Promise<void> {
  const box = grid(
    ctx,
    'World map',
    'Cybercrime legislation by State (UNCTAD Global Cyberlaw Tracker) and participation in the Budapest Convention, the UN Convention against Cybercrime and the Malabo Convention on a chosen date. Select a State on the map or in the tables to open its page.',
  );
  const status = panel(ctx, box, {
    id: 'legislation-map',
    title: 'Cybercrime legislation status',
    operation: 'CyberlawStatusWorld',
    variables: {},
    needs: ['member-states'],
    wide: true,
  });
  const asOf = ctx.params.get('asOf') ?? new Date().toISOString().slice(0, 10);
  const instrument = (ctx.params.get('treaty') ?? 'budapest') as keyof TreatyMapData;
  const treatyVariables = { asOf, includeSynthetic: ctx.includeSynthetic };
  const controls = el('form', { class: 'controls', 'aria-label': 'Treaty map settings' });
  const slider = el('input', {
    type: 'range',
    id: 'as-of',
    min: '2001',
    max: String(new Date().getUTCFullYear()),
    step: '1',
    value: asOf.slice(0, 4),
    'aria-describedby': 'as-of-value',
  });
  const sliderLabel = el('label', { for: 'as-of' }, 'Participation on 31 December of ');
  const sliderValue = el('output', { id: 'as-of-value', for: 'as-of' }, asOf);
  const select = el('select', { id: 'treaty', 'aria-label': 'Treaty' });
  for (const [value, text] of [
    ['budapest', 'Budapest Convention'],
    ['unConvention', 'UN Convention against Cybercrime'],
    ['malabo', 'Malabo Convention (African Union)'],
  ] as const) {
    const option = el('option', { value }, text);
    option.selected = value === instrument;
    select.append(option);
  }
  const apply = (year?: string) => {
    const next = new URLSearchParams(ctx.params);
    const thisYear = String(new Date().getUTCFullYear());
    const chosen = year ?? slider.value;
    next.set(
      'asOf',
      chosen === thisYear ? new Date().toISOString().slice(0, 10) : `${chosen}-12-31`,
    );
    next.set('treaty', select.value);
    ctx.navigate(`/dashboard?${next.toString()}`);
  };
  slider.addEventListener('input', () => {
    sliderValue.textContent = `${slider.value}-12-31`;
  });
  slider.addEventListener('change', () => apply());
  select.addEventListener('change', () => apply());
  controls.append(select, sliderLabel, slider, sliderValue);
  const treaty = panel(ctx, box, {
    id: 'treaty-map',
    title: 'Treaty participation',
    operation: 'DashboardTreatyMap',
    variables: treatyVariables,
    needs: ['laws', 'member-states'],
    wide: true,
  });
  treaty.root.insertBefore(controls, treaty.root.children[1] ?? null);

  const [world, treaties] = await Promise.all([
    worldStatus(ctx),
    ctx.graph.run<TreatyMapData>('DashboardTreatyMap', treatyVariables),
  ]);

  const countries = status.accept(world, (d) => d.countries);
  if (countries) {
    const nodes = countries.edges.map(({ node }) => node);
    const counts = cyberlawStatusCounts(nodes);
    status.figures([
      ['states', 'States and territories', countries.totalCount],
      ...counts.map((c) => [`status-${c.status}`, c.label, c.states] as const),
    ]);
    status.draw(
      legislationStatusWorld(nodes) ?? {},
      `World map of cybercrime legislation status: ${counts.map((c) => `${c.label} ${c.states}`).join(', ')}.`,
      420,
    );
    status.onChartClick((p) => {
      const hit = nodes.find((e) => e.m49 === p.name);
      if (hit) {
        ctx.navigate(`/dashboard/country/${hit.iso3}`);
      }
    });
    status.table(
      'Status by State',
      ['State', 'Region', 'Status', 'As of'],
      countries.edges.map(({ node }) => [
        ctx.link(`/dashboard/country/${node.iso3}`, node.name),
        node.region.name,
        label(node.cyberlawStatus[0]?.status ?? 'NO_RECORD'),
        node.cyberlawStatus[0]?.asOf ?? '',
      ]),
    );
    const attribution = countries.edges.find(({ node }) => node.cyberlawStatus[0])?.node
      .cyberlawStatus[0]?.attribution;
    status.ready({ synthetic: false, sources: [attribution ?? UNCTAD, WORLD_MAP_ATTRIBUTION] });
  }

  const report = treaty.accept(treaties, (d) => d[instrument]);
  if (report) {
    const entries = report.participants
      .filter((p) => p.participant.__typename === 'Country' && p.participant.m49)
      .map((p) => ({
        m49: p.participant.m49 ?? '',
        name: p.participant.name ?? p.participantCode,
        category: p.status,
      }));
    const synthetic = syn(ctx, report.basis.syntheticRecords);
    treaty.figures([
      ['parties', 'Parties', report.parties],
      ['signatories', 'Signatories (not yet Parties)', report.signatories],
      ['as-of', 'On', asOf],
    ]);
    treaty.draw(
      worldCategoryMapOption(entries, PARTICIPATION_CATEGORIES, {
        seriesName: report.instrument.shortTitle,
        synthetic,
      }),
      `World map of ${report.instrument.shortTitle} participation on ${asOf}: ${report.parties} Parties, ${report.signatories} signatories.`,
      420,
    );
    treaty.table(
      `${report.instrument.shortTitle}: participants on ${asOf}`,
      ['Participant', 'Status', 'Since'],
      report.participants.map((p) => [
        p.participant.__typename === 'Country'
          ? ctx.link(
              `/dashboard/country/${p.participantCode}`,
              p.participant.name ?? p.participantCode,
            )
          : (p.participant.name ?? p.participantCode),
        label(p.status),
        p.since ?? 'date not recorded',
      ]),
    );
    treaty.ready({
      synthetic,
      sources: [
        `${report.instrument.shortTitle}: ${report.instrument.source}`,
        WORLD_MAP_ATTRIBUTION,
      ],
    });
  }
}

/** One State's page: profile, laws, treaties, coverage, assistance, partners and funding. */
export async function countryView(ctx: ViewContext, iso3: string): Promise<void> {
  const box = grid(
    ctx,
    `Country: ${iso3}`,
    'Profile, laws, treaty actions, legal coverage, assistance, partners and funding received, each from the subgraph that holds it.',
  );
  const vars = { iso3, includeSynthetic: ctx.includeSynthetic };
  const profile = panel(ctx, box, {
    id: 'profile',
    title: 'Profile',
    operation: 'DashboardCountryProfile',
    variables: { iso3 },
    needs: ['member-states'],
  });
  const laws = panel(ctx, box, {
    id: 'laws',
    title: 'Laws and treaty participation',
    operation: 'DashboardCountryLaws',
    variables: vars,
    needs: ['laws'],
  });
  const coverage = panel(ctx, box, {
    id: 'coverage',
    title: 'Legal coverage of the conventions’ offences',
    operation: 'DashboardCountryLaws',
    variables: vars,
    needs: ['laws'],
  });
  const assistance = panel(ctx, box, {
    id: 'assistance',
    title: 'Assistance requests and activities',
    operation: 'DashboardCountryAssistance',
    variables: vars,
    needs: ['assistance'],
  });
  const partners = panel(ctx, box, {
    id: 'partners',
    title: 'Partners working here',
    operation: 'DashboardCountryPartners',
    variables: vars,
    needs: ['partners'],
  });
  const funding = panel(ctx, box, {
    id: 'funding',
    title: 'Funding received',
    operation: 'DashboardCountryFunding',
    variables: vars,
    needs: ['funding'],
  });

  const [p, l, a, pa, f] = await Promise.all([
    ctx.graph.run<ProfileData>('DashboardCountryProfile', { iso3 }),
    ctx.graph.run<LawsData>('DashboardCountryLaws', vars),
    ctx.graph.run<AssistanceData>('DashboardCountryAssistance', vars),
    ctx.graph.run<PartnersData>('DashboardCountryPartners', vars),
    ctx.graph.run<FundingData>('DashboardCountryFunding', vars),
  ]);

  const country = profile.accept(p, (d) => d.country);
  if (country) {
    const title = ctx.main.querySelector('h1');
    if (title) {
      title.textContent = country.name;
    }
    profile.figures([
      ['iso3', 'ISO 3166 alpha-3', country.iso3],
      ['m49', 'M49', country.m49],
      ['region', 'Region', `${country.region.name} · ${country.subregion.name}`],
      ['member-status', 'UN status', label(country.memberStatus)],
      ...country.cyberlawStatus
        .filter((s) => s.area === 'CYBERCRIME')
        .map(
          (s) =>
            [
              'cyberlaw',
              'Cybercrime law (UNCTAD)',
              `${label(s.status)} (as of ${s.asOf})`,
            ] as const,
        ),
    ]);
    const names = el('ul', { class: 'names', 'aria-label': 'Name in the six UN languages' });
    for (const [code, language] of LANGUAGES) {
      const item = el('li');
      item.append(el('span', { class: 'language' }, `${language}: `));
      item.append(
        el(
          'span',
          { lang: code, dir: code === 'ar' ? 'rtl' : 'ltr', 'data-name': code },
          country.names[code] ?? '—',
        ),
      );
      names.append(item);
    }
    profile.append(names);
    profile.ready({
      synthetic: false,
      sources: [
        country.source,
        `Names: ${country.namesSource}`,
        ...country.cyberlawStatus.filter((s) => s.area === 'CYBERCRIME').map((s) => s.attribution),
      ],
    });
  }

  const lawsData = laws.accept(l, (d) => d.country);
  if (lawsData) {
    laws.figures([
      ['laws', 'Laws recorded', lawsData.legislation.length],
      ['treaties', 'Treaty participations', lawsData.treatyParticipation.length],
    ]);
    laws.table(
      'Laws',
      ['Title', 'Year', 'Status'],
      lawsData.legislation.map((x) => [
        `${x.title}${x.synthetic ? ' (synthetic)' : ''}`,
        x.year ?? '',
        label(x.status),
      ]),
      true,
    );
    laws.table(
      'Treaty actions',
      ['Treaty', 'Status', 'Signed', 'Consent'],
      lawsData.treatyParticipation.map((t) => [
        t.instrument.shortTitle,
        label(t.status),
        t.signedOn ?? '',
        t.consentOn ? `${t.consentType ?? ''} ${t.consentOn}`.trim() : '',
      ]),
      true,
    );
    laws.ready({
      synthetic: ctx.includeSynthetic && lawsData.legislation.some((x) => x.synthetic),
      sources: [
        ...new Set([
          ...lawsData.legislation.map((x) => x.source),
          ...lawsData.treatyParticipation.map((t) => t.source),
        ]),
      ].slice(0, 6),
    });
    const states = ['COVERED', 'NOT_IN_RECORDED_PROVISIONS', 'NO_PROVISIONS_RECORDED'] as const;
    const schemes = [lawsData.budapestCoverage, lawsData.unCoverage];
    const stateLabels = {
      COVERED: 'Covered',
      NOT_IN_RECORDED_PROVISIONS: 'Not in recorded provisions',
      NO_PROVISIONS_RECORDED: 'No provisions recorded',
    };
    const counts = schemes.map((s) =>
      states.map((st) => s.offences.filter((o) => o.state === st).length),
    );
    const covSynthetic = syn(
      ctx,
      schemes.reduce((n, s) => n + s.basis.syntheticRecords, 0),
    );
    coverage.figures(
      schemes.map(
        (s) =>
          [
            `coverage-${s.scheme}`,
            s.scheme === 'BUDAPEST' ? 'Budapest Convention' : 'UN Convention',
            `${label(s.state)}: ${s.offencesCovered} of ${s.offences.length} offences`,
          ] as const,
      ),
    );
    coverage.draw(
      barOption(
        ['Budapest Convention', 'UN Convention'],
        states.map((st, i) => ({ name: stateLabels[st], values: counts.map((c) => c[i] ?? 0) })),
        covSynthetic,
        { stack: true, horizontal: true },
      ),
      `Offences by coverage state: ${schemes.map((s, i) => `${s.scheme}: ${states.map((st, j) => `${stateLabels[st]} ${counts[i]?.[j] ?? 0}`).join(', ')}`).join('; ')}.`,
      200,
    );
    coverage.table(
      'Offences by coverage state',
      ['Convention', ...states.map((st) => stateLabels[st])],
      schemes.map((s, i) => [
        s.scheme === 'BUDAPEST' ? 'Budapest' : 'UN Convention',
        ...(counts[i] ?? []),
      ]),
    );
    coverage.ready({
      synthetic: covSynthetic,
      sources: [
        `Computed from the provisions recorded in the repository; UNCTAD status: ${lawsData.budapestCoverage.unctadCybercrimeStatus ?? 'none'}`,
      ],
      note:
        lawsData.budapestCoverage.state === 'NO_PROVISIONS_RECORDED'
          ? 'No provisions of this State are recorded yet: “no provisions recorded” is not “not covered”.'
          : undefined,
    });
  }

  const help = assistance.accept(a, (d) => d.country);
  if (help) {
    const acts = help.activities.edges.map((e) => e.node);
    const reqs = help.assistanceRequests.edges.map((e) => e.node);
    const trained = acts.reduce(
      (n, x) => ({
        female: n.female + (x.participants?.female ?? 0),
        male: n.male + (x.participants?.male ?? 0),
        other: n.other + (x.participants?.other ?? 0),
      }),
      { female: 0, male: 0, other: 0 },
    );
    assistance.figures([
      ['requests', 'Assistance requests', help.assistanceRequests.totalCount],
      ['activities', 'Activities', help.activities.totalCount],
    ]);
    const synthetic =
      ctx.includeSynthetic && (acts.some((x) => x.synthetic) || reqs.some((x) => x.synthetic));
    if (acts.length > 0) {
      assistance.draw(
        barOption(
          acts.map((x) => x.title),
          [
            { name: 'Women', values: acts.map((x) => x.participants?.female ?? 0) },
            { name: 'Men', values: acts.map((x) => x.participants?.male ?? 0) },
            { name: 'Other or not stated', values: acts.map((x) => x.participants?.other ?? 0) },
          ],
          synthetic,
          { stack: true, horizontal: true },
        ),
        `Participants by sex in ${acts.length} activities: women ${trained.female}, men ${trained.male}, other ${trained.other}.`,
        Math.max(160, 40 * acts.length + 60),
      );
    }
    assistance.table(
      'Requests',
      ['Received', 'Status', 'Areas'],
      reqs.map((r) => [r.receivedOn, label(r.status), r.gpcAreas.map(label).join(', ')]),
    );
    assistance.table(
      'Activities',
      ['Title', 'Type', 'Start', 'Pillar', 'Participants'],
      acts.map((x) => [
        x.title,
        label(x.type),
        x.startDate ?? '',
        label(x.gpcPillar),
        x.participants?.total ?? '',
      ]),
    );
    assistance.ready({
      synthetic,
      sources: [...new Set([...acts.map((x) => x.source), ...reqs.map((r) => r.source)])].slice(
        0,
        4,
      ),
    });
  }

  const orgs = partners.accept(pa, (d) => d.country);
  if (orgs) {
    partners.figures([['partners', 'Partners', orgs.partners.length]]);
    partners.table(
      'Partners',
      ['Name', 'Category'],
      orgs.partners.map((o) => [
        `${o.name}${o.acronym ? ` (${o.acronym})` : ''}${o.synthetic ? ' (synthetic)' : ''}`,
        label(o.partnerCategory),
      ]),
      true,
    );
    partners.ready({
      synthetic: ctx.includeSynthetic && orgs.partners.some((o) => o.synthetic),
      sources: [...new Set(orgs.partners.map((o) => o.source))].slice(0, 4),
    });
  }

  const money = funding.accept(f, (d) => d.country?.fundingReceived);
  if (money) {
    const flows = [
      ['pledged', 'Pledged'],
      ['committed', 'Committed'],
      ['received', 'Received'],
      ['spent', 'Spent'],
    ] as const;
    const synthetic = syn(ctx, money.basis.syntheticRecords);
    funding.figures(
      flows.map(([k, text]) => [`funding-${k}`, `${text} (USD)`, usd(money[k].amountUsd)] as const),
    );
    funding.draw(
      barOption(
        flows.map(([, text]) => text),
        [{ name: 'USD', values: flows.map(([k]) => Number(money[k].amountUsd ?? 0)) }],
        synthetic,
      ),
      `Funding received in USD: ${flows.map(([k, text]) => `${text} ${usd(money[k].amountUsd)}`).join(', ')}.`,
      220,
    );
    funding.table(
      'Exchange rates used',
      ['Currency', 'Period', 'Units per USD', 'Source'],
      money.ratesUsed.map((r) => [r.currency, r.period, r.fxRate, r.source]),
    );
    funding.ready({ synthetic, sources: [FRED, money.conversionRule] });
  }
}

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
  box.before(controls);

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

    const sexSynthetic = synthetic;
    bySex.figures([
      ['female', 'Women', s.rows.reduce((n, r) => n + r.practitionersTrained.female, 0)],
      ['male', 'Men', s.rows.reduce((n, r) => n + r.practitionersTrained.male, 0)],
      [
        'other',
        'Other or not stated',
        s.rows.reduce((n, r) => n + r.practitionersTrained.other, 0),
      ],
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
  } else {
    for (const other of [bySex, requests]) {
      other.accept(delivered, (d) => d.byRegion);
    }
  }

  const pillar = byPillar.accept(delivered, (d) => d.byPillar);
  if (pillar) {
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
      pillar.rows.map((r) => [
        label(r.pillar ?? r.key),
        r.activities,
        r.practitionersTrained.total,
      ]),
    );
    byPillar.ready({
      synthetic,
      sources: ['Global Programme on Cybercrime activity records (UNODC)'],
    });
  }

  const summary = contributions.accept(money, (d) => d.fundingSummary);
  if (summary) {
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
}

/** Coordination: gaps by region (findings the viewer may read) and overlaps in one State. */
export async function coordinationView(ctx: ViewContext): Promise<void> {
  const box = grid(
    ctx,
    'Coordination',
    'Gaps: high-severity needs-assessment findings no published activity has addressed since, by region (restricted findings only for viewers who may read them). Overlaps: activities of different implementers in one State that share an area and run at the same time.',
  );
  const country = (ctx.params.get('country') ?? 'KEN').toUpperCase();
  const gapsPanel = panel(ctx, box, {
    id: 'gaps',
    title: 'Gaps by region',
    operation: 'CoordinationGaps',
    variables: { includeSynthetic: ctx.includeSynthetic },
    needs: ['assistance', 'member-states'],
    wide: true,
  });
  const overlapVars = { country, includeSynthetic: ctx.includeSynthetic };
  const overlapsPanel = panel(ctx, box, {
    id: 'overlaps',
    title: `Overlapping activities in ${country}`,
    operation: 'CoordinationOverlaps',
    variables: overlapVars,
    needs: ['assistance'],
    wide: true,
  });
  const form = el('form', { class: 'controls', 'aria-label': 'Overlaps in a State' });
  const input = el('input', {
    id: 'overlap-country',
    value: country,
    size: '4',
    maxlength: '3',
    pattern: '[A-Za-z]{3}',
    'aria-describedby': 'overlap-help',
  });
  form.append(
    el('label', { for: 'overlap-country' }, 'State (ISO alpha-3): '),
    input,
    el('button', { type: 'submit' }, 'Show'),
    el('span', { id: 'overlap-help', class: 'visually-hidden' }, 'Three letters, such as KEN'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams(ctx.params);
    next.set('country', input.value.toUpperCase());
    ctx.navigate(`/dashboard/coordination?${next.toString()}`);
  });
  overlapsPanel.root.insertBefore(form, overlapsPanel.root.children[1] ?? null);

  const [gaps, overlaps] = await Promise.all([
    ctx.graph.run<GapsData>('CoordinationGaps', { includeSynthetic: ctx.includeSynthetic }),
    ctx.graph.run<OverlapsData>('CoordinationOverlaps', overlapVars),
  ]);
  const regions = gapsPanel.accept(gaps, (d) => {
    const all = [d.africa, d.americas, d.asia, d.europe, d.oceania];
    return all.every((r) => r) ? (all as NonNullable<(typeof all)[number]>[]) : undefined;
  });
  if (regions) {
    const rows = regions.flatMap((r) => r.gaps.map((g) => ({ region: r.area.name, ...g })));
    const synthetic = ctx.includeSynthetic && rows.some((g) => g.assessment.synthetic);
    gapsPanel.figures(
      regions.map((r) => [`gaps-${r.region}`, r.area.name, r.gaps.length] as const),
    );
    gapsPanel.draw(
      barOption(
        regions.map((r) => r.area.name),
        [{ name: 'Open gaps', values: regions.map((r) => r.gaps.length) }],
        synthetic,
      ),
      `Open high-severity gaps by region: ${regions.map((r) => `${r.area.name} ${r.gaps.length}`).join(', ')}.`,
      240,
    );
    gapsPanel.table(
      'Gaps',
      ['Region', 'State', 'Area', 'Gap', 'Since', 'Finding'],
      rows.map((g) => [
        g.region,
        ctx.link(`/dashboard/country/${g.country.iso3}`, g.country.name),
        label(g.area),
        g.gap,
        g.since,
        label(g.assessment.confidentiality),
      ]),
      true,
    );
    gapsPanel.ready({
      synthetic,
      sources: ['Needs assessments and activities recorded by the Global Programme (UNODC)'],
      note:
        rows.length === 0
          ? 'No open high-severity gap among the findings this viewer may read.'
          : undefined,
    });
  }
  const pairs = overlapsPanel.accept(overlaps, (d) => d.overlaps);
  if (pairs) {
    const synthetic =
      ctx.includeSynthetic && pairs.some((o) => o.first.synthetic || o.second.synthetic);
    overlapsPanel.figures([['overlaps', 'Overlapping pairs', pairs.length]]);
    overlapsPanel.table(
      'Overlapping pairs',
      ['First', 'Second', 'Shared areas', 'From', 'To', 'Days'],
      pairs.map((o) => [
        `${o.first.title} (${o.first.implementers.map((i) => i.name).join(', ')})`,
        `${o.second.title} (${o.second.implementers.map((i) => i.name).join(', ')})`,
        o.sharedAreas.map(label).join(', '),
        o.overlapStart,
        o.overlapEnd,
        o.overlapDays,
      ]),
      true,
    );
    overlapsPanel.ready({
      synthetic,
      sources: ['Activities recorded by the Global Programme and its partners'],
      note: pairs.length === 0 ? `No overlapping activities recorded in ${country}.` : undefined,
    });
  }
}
