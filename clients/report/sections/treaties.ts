import {
  labelOf,
  TREATY_ALIASES,
  TREATY_LABELS,
  treatyMovementList,
  treatyMovementsChart,
  treatyParticipationChart,
} from '../../charts/figures/index.js';
import { figure, listBasis, n, sumBases, type Figure, type ReportBuild } from '../figure.js';

// 4. Treaty movements.

export function treatiesSection(b: ReportBuild): void {
  const { data, counter, periodFigures, add } = b;
  const { period } = data;
  const [movementsFigure, movementTable] = movementFigures(b);
  periodFigures.push(movementsFigure);
  const start = data.participationStart.data;
  const finish = data.participationEnd.data;
  const participationBasis = sumBases(
    'treaty participant',
    TREATY_ALIASES.map((a) => finish[a].basis),
  );
  add({
    id: 'treaty-movements',
    title: 'Treaty movements',
    paragraphs: [
      `Signatures, ratifications, acceptances, approvals and accessions dated from ${period.from} to ${period.to} for the United Nations Convention against Cybercrime and the Council of Europe Convention on Cybercrime (Budapest Convention) and its two Protocols.`,
      `On ${period.to}, ${n(finish.unConvention.consentsCounted)} of the ${n(finish.unConvention.consentsNeeded ?? 40)} instruments of ratification, acceptance, approval or accession the UN Convention needs to enter into force were counted (${n(start.unConvention.consentsCounted)} on ${start.unConvention.asOf ?? 'the day before the period'}); an instrument deposited by a regional economic integration organization is not counted.`,
    ],
    figures: [
      movementsFigure,
      movementTable,
      figure(counter, {
        title: `Parties and signatories on ${period.to}`,
        chart: treatyParticipationChart(finish, {
          synthetic: participationBasis.syntheticRecords > 0,
        }),
        table: {
          head: [
            'Instrument',
            `Parties on ${start.unConvention.asOf}`,
            `Parties on ${period.to}`,
            `Signatories on ${period.to}`,
            'Consents counted / needed',
          ],
          rows: TREATY_ALIASES.map((a) => [
            TREATY_LABELS[a],
            n(start[a].parties),
            n(finish[a].parties),
            n(finish[a].signatories),
            finish[a].consentsNeeded === null
              ? '–'
              : `${n(finish[a].consentsCounted)} / ${n(finish[a].consentsNeeded)}`,
          ]),
        },
        basis: participationBasis,
        calls: [data.participationStart.call, data.participationEnd.call],
        notes: TREATY_ALIASES.filter((a) => finish[a].unknownOnDate > 0).map(
          (a) =>
            `${TREATY_LABELS[a]}: ${n(finish[a].unknownOnDate)} participants recorded today whose status on ${period.to} cannot be told (undated records).`,
        ),
      }),
    ],
  });
}

/** Treaty actions dated in the period: a chart by instrument and action, then the list. */
function movementFigures(b: ReportBuild): [chart: Figure, table: Figure] {
  const { data, counter } = b;
  const movements = treatyMovementList(data.movements.data);
  const movementBasis = listBasis('treaty action', movements, data.includeSynthetic);
  const movementsFigure = figure(counter, {
    title: 'Signatures, ratifications and accessions dated in the period',
    chart: treatyMovementsChart(data.movements.data, {
      synthetic: movementBasis.syntheticRecords > 0,
    }),
    basis: movementBasis,
    calls: [data.movements.call],
  });
  const movementTable = figure(counter, {
    title: 'Treaty actions in the period',
    table: {
      head: ['Date', 'Instrument', 'State or organization', 'Region', 'Action', 'Confidence'],
      rows: movements
        .slice()
        .sort(
          (a, b) =>
            a.date.localeCompare(b.date) || a.participant.name.localeCompare(b.participant.name),
        )
        .map((m) => [
          m.date,
          TREATY_LABELS[m.alias],
          m.participant.name,
          m.participant.region?.name ?? '–',
          labelOf(m.action),
          m.confidence,
        ]),
    },
    basis: movementBasis,
    calls: [data.movements.call],
  });
  return [movementsFigure, movementTable];
}
