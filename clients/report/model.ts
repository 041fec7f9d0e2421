import type { EChartsCoreOption } from 'echarts';
import type { ReportData } from './collect.js';
import { FigureCounter, type ReportBuild } from './figure.js';
import { assistanceSection } from './sections/assistance.js';
import { contributionsSection } from './sections/contributions.js';
import { gapsSection } from './sections/gaps.js';
import { growthSection } from './sections/growth.js';
import { legislationStatusSection } from './sections/legislation-status.js';
import { lessonsSection } from './sections/lessons.js';
import { mandateSection } from './sections/mandate.js';
import { partnershipsSection } from './sections/partnerships.js';
import { treatiesSection } from './sections/treaties.js';

/** The sentence an empty figure or section shows instead of a chart. */
export const NO_RECORDS = 'No records in this period.';

export interface Table {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** One figure: a chart and/or a table, what it rests on, and the calls behind it. */
export interface Figure {
  /** "Figure 3", "Table 2". */
  readonly id: string;
  readonly title: string;
  /** Undefined: a table-only figure. Null: nothing to draw (the figure says so). */
  readonly chart?: {
    readonly option: EChartsCoreOption | null;
    readonly width: number;
    readonly height: number;
  };
  readonly table?: Table;
  /** True when the figure has no record in the period: it says NO_RECORDS instead. */
  readonly empty: boolean;
  /** How many records it rests on and their confidence, in one sentence. */
  readonly basis: string;
  /** It counts synthetic records, and is labelled so. */
  readonly synthetic: boolean;
  /** Ids of the operation calls behind it (annex). */
  readonly calls: readonly string[];
  readonly notes: readonly string[];
}

export interface Section {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly figures: readonly Figure[];
  /** Figures the report would show that the graph does not record yet. */
  readonly notRecorded: readonly string[];
}

export interface Report {
  readonly title: string;
  readonly period: ReportData['period'];
  readonly includeSynthetic: boolean;
  readonly generatedAt: string;
  readonly endpoint: string;
  /** "public": no Authorization was forwarded; restricted findings cannot appear. */
  readonly edition: 'public' | 'authorised';
  readonly sections: readonly Section[];
  /** Whether any period-bound figure has a record. */
  readonly hasPeriodRecords: boolean;
}

/** Builds the report's sections from the graph's answers (no network, no rendering). */
export function buildReport(
  data: ReportData,
  context: { endpoint: string; edition: 'public' | 'authorised'; generatedAt: string },
): Report {
  const sections: Section[] = [];
  const build: ReportBuild = {
    data,
    edition: context.edition,
    counter: new FigureCounter(),
    regionOf: new Map(data.countries.nodes.map((c) => [c.iso3, c.region.name])),
    nameOf: new Map(data.countries.nodes.map((c) => [c.iso3, c.name])),
    regions: [...new Set(data.countries.nodes.map((c) => c.region.name))].sort(),
    periodFigures: [],
    add: (section) =>
      sections.push({
        ...section,
        number: sections.length + 1,
        notRecorded: section.notRecorded ?? [],
      }),
  };
  // In the order of the report: the figure numbers follow it.
  mandateSection(build);
  growthSection(build);
  legislationStatusSection(build);
  treatiesSection(build);
  assistanceSection(build);
  partnershipsSection(build);
  contributionsSection(build);
  gapsSection(build);
  lessonsSection(build);
  return {
    title:
      'Implementation of Commission resolution 22/8 and the work of the Global Programme on Cybercrime',
    period: data.period,
    includeSynthetic: data.includeSynthetic,
    generatedAt: context.generatedAt,
    endpoint: context.endpoint,
    edition: context.edition,
    sections,
    hasPeriodRecords: build.periodFigures.some((f) => !f.empty),
  };
}
