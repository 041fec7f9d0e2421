import { cyberlawStatusCounts, legislationStatusWorld } from '../../charts/figures/index.js';
import { WORLD_MAP_ATTRIBUTION } from '../../charts/world.js';
import { figure, listBasis, n, type ReportBuild } from '../figure.js';

export function legislationStatusSection(b: ReportBuild): void {
  const { data, counter, add } = b;
  // 3. Legislation status worldwide.
  const counts = cyberlawStatusCounts(data.countries.nodes);
  const statuses = data.countries.nodes.flatMap((c) => c.cyberlawStatus);
  const attribution =
    statuses[0]?.attribution ??
    'Source: UN Trade and Development (UNCTAD), Global Cyberlaw Tracker';
  const asOf = [...new Set(statuses.map((s) => s.asOf))].sort().join(', ');
  add({
    id: 'legislation-status',
    title: 'Status of cybercrime legislation worldwide',
    paragraphs: [
      `UNCTAD's Global Cyberlaw Tracker classifies each State's cybercrime legislation as adopted, in draft, absent, or without data. The classification shown is the copy of ${asOf || 'no date'}; it describes the status on that date, not changes within the period.`,
      `${attribution}. ${WORLD_MAP_ATTRIBUTION}`,
    ],
    figures: [
      figure(counter, {
        title: 'Cybercrime legislation by State (UNCTAD Global Cyberlaw Tracker)',
        chart: legislationStatusWorld(data.countries.nodes),
        size: { width: 700, height: 380 },
        table: {
          head: ['Status', 'States'],
          rows: counts.map((c) => [c.label, n(c.states)]),
        },
        basis: listBasis(
          'State',
          data.countries.nodes.map((c) => ({
            confidence: c.cyberlawStatus[0]?.confidence ?? null,
          })),
          false,
        ),
        calls: data.countries.calls,
        notes: [attribution],
      }),
    ],
  });
}
