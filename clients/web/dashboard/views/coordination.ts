import { el, type Panel } from '../panel.js';
import type { GapsData, OverlapsData } from '../types.js';
import { type ViewContext, barOption, grid, label, panel } from './common.js';

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
    showGaps(ctx, gapsPanel, regions);
  }
  const pairs = overlapsPanel.accept(overlaps, (d) => d.overlaps);
  if (pairs) {
    showOverlaps(ctx, overlapsPanel, pairs, country);
  }
}

function showGaps(
  ctx: ViewContext,
  gapsPanel: Panel,
  regions: NonNullable<GapsData['africa']>[],
): void {
  const rows = regions.flatMap((r) => r.gaps.map((g) => ({ region: r.area.name, ...g })));
  const synthetic = ctx.includeSynthetic && rows.some((g) => g.assessment.synthetic);
  gapsPanel.figures(regions.map((r) => [`gaps-${r.region}`, r.area.name, r.gaps.length] as const));
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

function showOverlaps(
  ctx: ViewContext,
  overlapsPanel: Panel,
  pairs: NonNullable<OverlapsData['overlaps']>,
  country: string,
): void {
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
