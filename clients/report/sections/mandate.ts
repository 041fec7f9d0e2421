import { figure, listBasis, type ReportBuild } from '../figure.js';

export function mandateSection(b: ReportBuild): void {
  const { data, counter, add } = b;
  const { period } = data;
  // 1. Mandate.
  const facts = data.mandate.facts.filter((f) =>
    ['MANDATE', 'REPOSITORY', 'ORGANIZATION'].includes(f.type),
  );
  add({
    id: 'mandate',
    title: 'The mandate',
    paragraphs: [
      'In resolution 22/8 of 26 April 2013, the Commission on Crime Prevention and Criminal Justice requested UNODC to serve "as a central data repository of cybercrime laws and lessons learned with a view to facilitating the continued assessment of needs and criminal justice capabilities and the delivery and coordination of technical assistance" (para. 5), and requested the Executive Director to report to the Commission on its implementation and on the work of the Global Programme on Cybercrime (para. 7).',
      `This report covers ${period.from} to ${period.to}. Every figure in it was computed by the repository graph and fetched over its public GraphQL interface; Annex A lists each operation with its variables, so that any figure can be asked again.`,
    ],
    figures: [
      figure(counter, {
        title: 'Cited facts on the mandate, the programme and the repository',
        table: {
          head: ['Fact', 'Value', 'Date', 'Confidence', 'Source'],
          rows: facts.map((f) => [
            f.label,
            [f.valueNote, f.value, f.unit].filter(Boolean).join(' ') || '–',
            f.date ?? '–',
            f.confidence,
            f.source,
          ]),
        },
        basis: listBasis('cited fact', facts, false),
        calls: [data.mandate.call],
      }),
    ],
  });
}
