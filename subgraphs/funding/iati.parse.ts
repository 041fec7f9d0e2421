import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A file that is not well-formed XML, or not an IATI activity file: names the line. */
export class IatiFileError extends Error {
  constructor(
    readonly line: number,
    readonly column: number | undefined,
    readonly element: string,
    detail: string,
  ) {
    super(`line ${line}${column ? `, column ${column}` : ''} <${element}>: ${detail}`);
    this.name = 'IatiFileError';
  }
}

export interface IatiValue {
  amount: string | undefined;
  currency: string | undefined;
  valueDate: string | undefined;
}

export interface IatiTransaction {
  line: number;
  ref: string | undefined;
  typeCode: string | undefined;
  date: string | undefined;
  value: IatiValue;
  providerRef: string | undefined;
  providerActivityId: string | undefined;
  receiverRef: string | undefined;
  description: string | undefined;
}

export interface IatiBudget {
  line: number;
  typeCode: string | undefined;
  statusCode: string | undefined;
  periodStart: string | undefined;
  periodEnd: string | undefined;
  value: IatiValue;
}

export interface IatiActivity {
  line: number;
  identifier: string | undefined;
  defaultCurrency: string | undefined;
  title: string | undefined;
  description: string | undefined;
  statusCode: string | undefined;
  dates: { line: number; typeCode: string | undefined; isoDate: string | undefined }[];
  participants: { line: number; ref: string | undefined; roleCode: string | undefined }[];
  recipients: { line: number; code: string | undefined; percentage: string | undefined }[];
  sectors: { line: number; code: string | undefined; vocabulary: string | undefined }[];
  transactions: IatiTransaction[];
  budgets: IatiBudget[];
}

type Node = Record<string | symbol, unknown>;

const LISTS = new Set([
  'iati-activity',
  'participating-org',
  'recipient-country',
  'sector',
  'activity-date',
  'transaction',
  'budget',
  'narrative',
]);

// Every value stays a string: money is never parsed into a JavaScript number.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  captureMetaData: true,
  isArray: (name) => LISTS.has(name),
});
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
    }
  }
  return line;
}

function asNode(value: unknown): Node | undefined {
  return typeof value === 'object' && value !== null ? (value as Node) : undefined;
}

function list(node: Node | undefined, name: string): Node[] {
  const value = node?.[name];
  return Array.isArray(value) ? value.map((v) => asNode(v) ?? { '#text': String(v) }) : [];
}

function attr(node: Node | undefined, name: string): string | undefined {
  const value = node?.[`@${name}`];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function text(node: unknown): string | undefined {
  if (typeof node === 'string') {
    return node.trim() || undefined;
  }
  const value = asNode(node)?.['#text'];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The first narrative of an element (IATI 2.03 text lives in <narrative>). */
function narrative(node: Node | undefined, name: string): string | undefined {
  const element = asNode(node?.[name]);
  return text(list(element, 'narrative')[0]);
}

function value(node: Node | undefined): IatiValue {
  const element = node?.['value'];
  return {
    amount: text(element),
    currency: attr(asNode(element), 'currency'),
    valueDate: attr(asNode(element), 'value-date'),
  };
}

/**
 * Reads an IATI 2.03 activity file into plain records of strings. A malformed file throws
 * `IatiFileError` naming the line; content problems are left to the importer, per activity.
 */
export function parseIatiActivities(xml: string): IatiActivity[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const match = /'([^']+)'/.exec(valid.err.msg);
    throw new IatiFileError(valid.err.line, valid.err.col, match?.[1] ?? 'xml', valid.err.msg);
  }
  const root = asNode(parser.parse(xml) as unknown);
  const activities = asNode(root?.['iati-activities']);
  if (!activities) {
    throw new IatiFileError(
      1,
      undefined,
      'iati-activities',
      'the root element must be <iati-activities>',
    );
  }
  const version = attr(activities, 'version');
  if (version && !version.startsWith('2.')) {
    throw new IatiFileError(
      lineOf(xml, activities),
      undefined,
      'iati-activities',
      `version "${version}" is not supported; use IATI 2.03`,
    );
  }
  return list(activities, 'iati-activity').map((activity) => ({
    line: lineOf(xml, activity),
    identifier: text(activity['iati-identifier']),
    defaultCurrency: attr(activity, 'default-currency'),
    title: narrative(activity, 'title'),
    description: narrative(activity, 'description'),
    statusCode: attr(asNode(activity['activity-status']), 'code'),
    dates: list(activity, 'activity-date').map((d) => ({
      line: lineOf(xml, d),
      typeCode: attr(d, 'type'),
      isoDate: attr(d, 'iso-date'),
    })),
    participants: list(activity, 'participating-org').map((p) => ({
      line: lineOf(xml, p),
      ref: attr(p, 'ref'),
      roleCode: attr(p, 'role'),
    })),
    recipients: list(activity, 'recipient-country').map((r) => ({
      line: lineOf(xml, r),
      code: attr(r, 'code'),
      percentage: attr(r, 'percentage'),
    })),
    sectors: list(activity, 'sector').map((s) => ({
      line: lineOf(xml, s),
      code: attr(s, 'code'),
      vocabulary: attr(s, 'vocabulary'),
    })),
    transactions: list(activity, 'transaction').map((t) => ({
      line: lineOf(xml, t),
      ref: attr(t, 'ref'),
      typeCode: attr(asNode(t['transaction-type']), 'code'),
      date: attr(asNode(t['transaction-date']), 'iso-date'),
      value: value(t),
      providerRef: attr(asNode(t['provider-org']), 'ref'),
      providerActivityId: attr(asNode(t['provider-org']), 'provider-activity-id'),
      receiverRef: attr(asNode(t['receiver-org']), 'ref'),
      description: narrative(t, 'description'),
    })),
    budgets: list(activity, 'budget').map((b) => ({
      line: lineOf(xml, b),
      typeCode: attr(b, 'type'),
      statusCode: attr(b, 'status'),
      periodStart: attr(asNode(b['period-start']), 'iso-date'),
      periodEnd: attr(asNode(b['period-end']), 'iso-date'),
      value: value(b),
    })),
  }));
}

function lineOf(xml: string, node: Node): number {
  const meta = node[META] as { startIndex?: number } | undefined;
  return meta?.startIndex === undefined ? 0 : lineAt(xml, meta.startIndex);
}
