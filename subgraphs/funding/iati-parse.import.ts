import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  CRG_NAMESPACE,
  IatiFileError,
  syntheticDeclaration,
  type IatiActivity,
  type IatiFile,
  type IatiOrgMention,
  type IatiValue,
} from './iati.model.js';

type Node = Record<string | symbol, unknown>;

const LISTS = new Set([
  'iati-activity',
  'participating-org',
  'recipient-country',
  'recipient-region',
  'sector',
  'activity-date',
  'transaction',
  'budget',
  'planned-disbursement',
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
  processEntities: true,
  isArray: (name) => LISTS.has(name),
});

/**
 * The key of each node's metadata (its offset in the file). fast-xml-parser declares it as the
 * `Symbol` wrapper type; at run time it is a symbol, which this guard proves to the compiler.
 */
function metaDataKey(): symbol {
  const key: unknown = XMLParser.getMetaDataSymbol();
  if (typeof key !== 'symbol') {
    throw new Error('fast-xml-parser gave no metadata symbol');
  }
  return key;
}
const META = metaDataKey();

/** Line numbers by binary search over the offsets of line starts: one pass over the file. */
function lineIndex(xml: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < xml.length; i += 1) {
    if (xml.charCodeAt(i) === 10) {
      starts.push(i + 1);
    }
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo + 1;
  };
}

function asNode(value: unknown): Node | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Node)
    : undefined;
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
function narrative(element: Node | undefined): string | undefined {
  return text(list(element, 'narrative')[0]);
}

function child(node: Node | undefined, name: string): Node | undefined {
  return asNode(node?.[name]);
}

function value(node: Node | undefined): IatiValue {
  const element = node?.['value'];
  return {
    amount: text(element),
    currency: attr(asNode(element), 'currency'),
    valueDate: attr(asNode(element), 'value-date'),
  };
}

function org(element: Node | undefined): IatiOrgMention {
  return { ref: attr(element, 'ref'), name: narrative(element), type: attr(element, 'type') };
}

/** The file's own declaration `crg:synthetic` on `<iati-activities>`, bound to CRG_NAMESPACE. */
function declaredSynthetic(root: Node, line: number): boolean {
  for (const key of Object.keys(root)) {
    const match = /^@([A-Za-z_][\w.-]*):synthetic$/.exec(key);
    if (!match || root[`@xmlns:${match[1]}`] !== CRG_NAMESPACE) {
      continue;
    }
    const declared = syntheticDeclaration(root[key]);
    if (declared === undefined) {
      throw new IatiFileError(
        line,
        undefined,
        'iati-activities',
        `@${match[1]}:synthetic must be "true" or "false"; got ${JSON.stringify(root[key])}`,
      );
    }
    return declared;
  }
  return false;
}

/** One `<iati-activity>` as plain records of strings; `at` names a node's line. */
function readActivity(activity: Node, at: (node: Node) => string): IatiActivity {
  return {
    at: at(activity),
    identifier: text(activity['iati-identifier']),
    defaultCurrency: attr(activity, 'default-currency'),
    title: narrative(child(activity, 'title')),
    description: narrative(child(activity, 'description')),
    statusCode: attr(child(activity, 'activity-status'), 'code'),
    dates: list(activity, 'activity-date').map((d) => ({
      at: at(d),
      typeCode: attr(d, 'type'),
      isoDate: attr(d, 'iso-date'),
    })),
    participants: list(activity, 'participating-org').map((p) => ({
      at: at(p),
      ...org(p),
      roleCode: attr(p, 'role'),
    })),
    recipients: list(activity, 'recipient-country').map((r) => ({
      at: at(r),
      code: attr(r, 'code'),
      percentage: attr(r, 'percentage'),
    })),
    regions: list(activity, 'recipient-region').map((r) => ({
      at: at(r),
      code: attr(r, 'code'),
      vocabulary: attr(r, 'vocabulary'),
      percentage: attr(r, 'percentage'),
    })),
    sectors: list(activity, 'sector').map((s) => ({
      at: at(s),
      code: attr(s, 'code'),
      vocabulary: attr(s, 'vocabulary'),
    })),
    transactions: list(activity, 'transaction').map((t) => ({
      at: at(t),
      ref: attr(t, 'ref'),
      typeCode: attr(child(t, 'transaction-type'), 'code'),
      date: attr(child(t, 'transaction-date'), 'iso-date'),
      value: value(t),
      provider: org(child(t, 'provider-org')),
      providerActivityId: attr(child(t, 'provider-org'), 'provider-activity-id'),
      receiver: org(child(t, 'receiver-org')),
      description: narrative(child(t, 'description')),
    })),
    budgets: list(activity, 'budget').map((b) => ({
      at: at(b),
      typeCode: attr(b, 'type'),
      statusCode: attr(b, 'status'),
      periodStart: attr(child(b, 'period-start'), 'iso-date'),
      periodEnd: attr(child(b, 'period-end'), 'iso-date'),
      value: value(b),
    })),
    plannedDisbursements: list(activity, 'planned-disbursement').map((p) => ({
      at: at(p),
      typeCode: attr(p, 'type'),
      periodStart: attr(child(p, 'period-start'), 'iso-date'),
      periodEnd: attr(child(p, 'period-end'), 'iso-date'),
      value: value(p),
      provider: org(child(p, 'provider-org')),
      receiver: org(child(p, 'receiver-org')),
    })),
  };
}

/**
 * Reads an IATI 2.03 activity file into plain records of strings. A malformed file throws
 * `IatiFileError` naming the line; content problems are left to the importer, per activity.
 */
export function parseIatiXml(xml: string): IatiFile {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    // The validator names the element or attribute in quotes; a name it could not read is "xml".
    const name = /'([^']+)'/.exec(valid.err.msg)?.[1];
    const element = name && /^[\w:.-]+$/.test(name) ? name : 'xml';
    throw new IatiFileError(valid.err.line, valid.err.col, element, valid.err.msg);
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (error) {
    throw new IatiFileError(1, undefined, 'xml', (error as Error).message);
  }
  const activities = asNode(asNode(parsed)?.['iati-activities']);
  if (!activities) {
    throw new IatiFileError(
      1,
      undefined,
      'iati-activities',
      'the root element must be <iati-activities>',
    );
  }
  const lineAt = lineIndex(xml);
  const at = (node: Node) => {
    const meta = node[META] as { startIndex?: number } | undefined;
    return `line ${meta?.startIndex === undefined ? 0 : lineAt(meta.startIndex)}`;
  };
  const rootLine = Number(at(activities).slice(5));
  const version = attr(activities, 'version');
  if (version && !version.startsWith('2.')) {
    throw new IatiFileError(
      rootLine,
      undefined,
      'iati-activities',
      `version "${version}" is not supported; use IATI 2.03`,
    );
  }
  return {
    synthetic: declaredSynthetic(activities, rootLine),
    activities: list(activities, 'iati-activity').map((activity) => readActivity(activity, at)),
  };
}
