import { el, type Panel } from '../panel.js';
import type { AssistanceData, FundingData, LawsData, PartnersData, ProfileData } from '../types.js';
import {
  FRED,
  LANGUAGES,
  type ViewContext,
  barOption,
  grid,
  label,
  panel,
  syn,
  usd,
} from './common.js';

/** One State's page: profile, laws, treaties, coverage, assistance, partners and funding. */
export async function countryView(ctx: ViewContext, iso3: string): Promise<void> {
  const box = grid(
    ctx,
    `Country: ${iso3}`,
    'Profile, laws, treaty actions, legal coverage, assistance, partners and funding received, each from the subgraph that holds it.',
  );
  const vars = { iso3, includeSynthetic: ctx.includeSynthetic };
  const { profile, laws, coverage, assistance, partners, funding } = countryPanels(ctx, box, iso3);

  const [p, l, a, pa, f] = await Promise.all([
    ctx.graph.run<ProfileData>('DashboardCountryProfile', { iso3 }),
    ctx.graph.run<LawsData>('DashboardCountryLaws', vars),
    ctx.graph.run<AssistanceData>('DashboardCountryAssistance', vars),
    ctx.graph.run<PartnersData>('DashboardCountryPartners', vars),
    ctx.graph.run<FundingData>('DashboardCountryFunding', vars),
  ]);

  const country = profile.accept(p, (d) => d.country);
  if (country) {
    showProfile(ctx, profile, country);
  }

  const lawsData = laws.accept(l, (d) => d.country);
  if (lawsData) {
    showLaws(ctx, laws, lawsData, coverage);
  }

  const help = assistance.accept(a, (d) => d.country);
  if (help) {
    showAssistance(ctx, assistance, help);
  }

  const orgs = partners.accept(pa, (d) => d.country);
  if (orgs) {
    showPartners(ctx, partners, orgs);
  }

  const money = funding.accept(f, (d) => d.country?.fundingReceived);
  if (money) {
    showFunding(ctx, funding, money);
  }
}

function showProfile(
  ctx: ViewContext,
  profile: Panel,
  country: NonNullable<ProfileData['country']>,
): void {
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
          ['cyberlaw', 'Cybercrime law (UNCTAD)', `${label(s.status)} (as of ${s.asOf})`] as const,
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

function showLaws(
  ctx: ViewContext,
  laws: Panel,
  lawsData: NonNullable<LawsData['country']>,
  coverage: Panel,
): void {
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
  showCoverage(ctx, coverage, lawsData);
}

function showAssistance(
  ctx: ViewContext,
  assistance: Panel,
  help: NonNullable<AssistanceData['country']>,
): void {
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
    sources: [...new Set([...acts.map((x) => x.source), ...reqs.map((r) => r.source)])].slice(0, 4),
  });
}

function showPartners(
  ctx: ViewContext,
  partners: Panel,
  orgs: NonNullable<PartnersData['country']>,
): void {
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

function showFunding(
  ctx: ViewContext,
  funding: Panel,
  money: NonNullable<NonNullable<FundingData['country']>['fundingReceived']>,
): void {
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

/** How far the State's recorded provisions cover each convention's offences. */
function showCoverage(
  ctx: ViewContext,
  coverage: Panel,
  lawsData: NonNullable<LawsData['country']>,
): void {
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

/** The country page's panels, in page order, each naming the operation and subgraph it shows. */
function countryPanels(ctx: ViewContext, box: HTMLElement, iso3: string) {
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
  return { profile, laws, coverage, assistance, partners, funding };
}
