import { labelOf, barOption } from '../../charts/figures/index.js';
import { figure, lessonsInPeriod, listBasis, type ReportBuild } from '../figure.js';

export function lessonsSection(b: ReportBuild): void {
  const { data, counter, nameOf, periodFigures, add } = b;
  // 9. Lessons learned.
  const lessons = lessonsInPeriod(data);
  const categories = [...new Set(lessons.flatMap((l) => l.categories))].sort();
  const lessonBasis = listBasis('lessons-learned source', lessons, false);
  const lessonChart = figure(counter, {
    title: 'Lessons-learned sources published in the period, by category',
    chart:
      lessons.length === 0
        ? null
        : barOption(categories.map(labelOf), [
            {
              name: 'Sources',
              values: categories.map((c) => lessons.filter((l) => l.categories.includes(c)).length),
            },
          ]),
    basis: lessonBasis,
    calls: [data.casesAndLessons.call],
    notes: ['A source with several categories counts in each.'],
  });
  periodFigures.push(lessonChart);
  add({
    id: 'lessons-learned',
    title: 'Lessons learned',
    paragraphs: [
      'National cybercrime plans and cybersecurity strategies published in the period, as recorded in the repository (res. 22/8, para. 5: "lessons learned").',
    ],
    figures: [
      lessonChart,
      figure(counter, {
        title: 'Lessons-learned sources published in the period',
        table: {
          head: ['Published', 'State', 'Title', 'Issued by', 'Categories', 'Confidence'],
          rows: lessons.map((l) => [
            l.publishedOn ?? (l.year === null ? '–' : String(l.year)),
            l.countryIso3 ? (nameOf.get(l.countryIso3) ?? l.countryIso3) : '–',
            l.title,
            l.issuingBody ?? '–',
            l.categories.map(labelOf).join(', '),
            l.confidence,
          ]),
        },
        basis: lessonBasis,
        calls: [data.casesAndLessons.call],
      }),
    ],
  });
}
