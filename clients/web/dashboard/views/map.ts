import {
  cyberlawStatusCounts,
  legislationStatusWorld,
} from '../../../charts/figures/legislation-status-world.js';
import {
  PARTICIPATION_CATEGORIES,
  worldCategoryMapOption,
} from '../../../charts/figures/world-category-map.js';
import { WORLD_MAP_ATTRIBUTION } from '../../../charts/world.js';
import type { Outcome } from '../graph.js';
import { el, type Panel } from '../panel.js';
import type { CyberlawStatusWorldData, TreatyMapData } from '../types.js';
import { UNCTAD, type ViewContext, grid, label, panel, syn } from './common.js';

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
  const controls = treatyControls(ctx, asOf, instrument);
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
    showLegislationStatus(ctx, status, countries);
  }

  const report = treaty.accept(treaties, (d) => d[instrument]);
  if (report) {
    showTreatyParticipation(ctx, treaty, report, asOf);
  }
}

function showLegislationStatus(
  ctx: ViewContext,
  status: Panel,
  countries: NonNullable<CyberlawStatusWorldData['countries']>,
): void {
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

function showTreatyParticipation(
  ctx: ViewContext,
  treaty: Panel,
  report: NonNullable<TreatyMapData[keyof TreatyMapData]>,
  asOf: string,
): void {
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

/** The treaty map's settings: which treaty, and participation on 31 December of which year. */
function treatyControls(ctx: ViewContext, asOf: string, instrument: string): HTMLElement {
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
  return controls;
}
