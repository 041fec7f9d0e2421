import {
  CRG_SYNTHETIC_KEY,
  IatiFileError,
  syntheticDeclaration,
  type IatiActivity,
  type IatiFile,
  type IatiOrgMention,
  type IatiValue,
} from './iati.model.js';

// The IATI Datastore's JSON (https://api.iatistandard.org/datastore/activity/select?...&fl=iati_json
// &wt=json): a Solr response `{ "response": { "numFound", "start", "docs": [ { "iati_json": … } ] } }`
// whose `iati_json` (a JSON string, or an object) is the activity as the Datastore's refresher
// writes it (IATI/refresher, src/library/lakify.py `recursive_json_nest`): `{ "iati-activity": [ {
// "@attribute": "…", "text()": "…", "child-element": [ { … } ] } ] }`, every child a list, every
// attribute and text a string. A file may also be that `iati_json` object alone. The flattened Solr
// fields (`transaction_value`, `participating_org_ref` …) are not read: the Datastore's own
// documentation says their lists cannot be matched element to element, so a doc without
// `iati_json` is refused.

type Node = Record<string, unknown>;

function asNode(value: unknown): Node | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Node)
    : undefined;
}

function fileError(path: string, element: string, detail: string): IatiFileError {
  return new IatiFileError(0, undefined, element, detail, path);
}

/** The children named `name`: a list as the Datastore writes it; a lone object is accepted. */
function children(node: Node | undefined, name: string): { node: Node; index: number }[] {
  const value = node?.[name];
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.flatMap((item, index) => {
    const child = asNode(item);
    return child ? [{ node: child, index }] : [];
  });
}

function first(node: Node | undefined, name: string): Node | undefined {
  return children(node, name)[0]?.node;
}

/** A string value; a JSON number is refused where money or codes are read, never rounded. */
function str(node: Node | undefined, key: string, path: string, element: string) {
  const value = node?.[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new IatiFileError(
      0,
      undefined,
      element,
      `${key} must be a string as the Datastore writes it; got ${typeof value === 'number' ? `the number ${String(value)} (a JSON number may already have lost digits)` : typeof value}`,
      path,
    );
  }
  return value.trim() || undefined;
}

function narrative(element: Node | undefined, path: string, name: string): string | undefined {
  return str(first(element, 'narrative'), 'text()', `${path}/narrative[0]`, `${name}/narrative`);
}

function value(node: Node | undefined, path: string, name: string): IatiValue {
  const element = first(node, 'value');
  const at = `${path}/value[0]`;
  return {
    amount: str(element, 'text()', at, `${name}/value`),
    currency: str(element, '@currency', at, `${name}/value`),
    valueDate: str(element, '@value-date', at, `${name}/value`),
  };
}

function org(element: Node | undefined, path: string, name: string): IatiOrgMention {
  return {
    ref: str(element, '@ref', path, name),
    name: narrative(element, path, name),
    type: str(element, '@type', path, name),
  };
}

function readActivity(activity: Node, at: string): IatiActivity {
  const each = <T>(name: string, read: (node: Node, path: string) => T): T[] =>
    children(activity, name).map(({ node, index }) => read(node, `${at}/${name}[${index}]`));
  const attr = (node: Node | undefined, key: string, path: string, element: string) =>
    str(node, `@${key}`, path, element);
  const childAttr = (node: Node, name: string, key: string, path: string) =>
    attr(first(node, name), key, `${path}/${name}[0]`, name);
  return {
    at,
    identifier: str(first(activity, 'iati-identifier'), 'text()', at, 'iati-identifier'),
    defaultCurrency: attr(activity, 'default-currency', at, 'iati-activity'),
    title: narrative(first(activity, 'title'), `${at}/title[0]`, 'title'),
    description: narrative(first(activity, 'description'), `${at}/description[0]`, 'description'),
    statusCode: attr(first(activity, 'activity-status'), 'code', at, 'activity-status'),
    dates: each('activity-date', (d, p) => ({
      at: p,
      typeCode: attr(d, 'type', p, 'activity-date'),
      isoDate: attr(d, 'iso-date', p, 'activity-date'),
    })),
    participants: each('participating-org', (o, p) => ({
      at: p,
      ...org(o, p, 'participating-org'),
      roleCode: attr(o, 'role', p, 'participating-org'),
    })),
    recipients: each('recipient-country', (r, p) => ({
      at: p,
      code: attr(r, 'code', p, 'recipient-country'),
      percentage: attr(r, 'percentage', p, 'recipient-country'),
    })),
    regions: each('recipient-region', (r, p) => ({
      at: p,
      code: attr(r, 'code', p, 'recipient-region'),
      vocabulary: attr(r, 'vocabulary', p, 'recipient-region'),
      percentage: attr(r, 'percentage', p, 'recipient-region'),
    })),
    sectors: each('sector', (s, p) => ({
      at: p,
      code: attr(s, 'code', p, 'sector'),
      vocabulary: attr(s, 'vocabulary', p, 'sector'),
    })),
    transactions: each('transaction', (t, p) => ({
      at: p,
      ref: attr(t, 'ref', p, 'transaction'),
      typeCode: childAttr(t, 'transaction-type', 'code', p),
      date: childAttr(t, 'transaction-date', 'iso-date', p),
      value: value(t, p, 'transaction'),
      provider: org(first(t, 'provider-org'), `${p}/provider-org[0]`, 'provider-org'),
      providerActivityId: childAttr(t, 'provider-org', 'provider-activity-id', p),
      receiver: org(first(t, 'receiver-org'), `${p}/receiver-org[0]`, 'receiver-org'),
      description: narrative(first(t, 'description'), `${p}/description[0]`, 'description'),
    })),
    budgets: each('budget', (b, p) => ({
      at: p,
      typeCode: attr(b, 'type', p, 'budget'),
      statusCode: attr(b, 'status', p, 'budget'),
      periodStart: childAttr(b, 'period-start', 'iso-date', p),
      periodEnd: childAttr(b, 'period-end', 'iso-date', p),
      value: value(b, p, 'budget'),
    })),
    plannedDisbursements: each('planned-disbursement', (d, p) => ({
      at: p,
      typeCode: attr(d, 'type', p, 'planned-disbursement'),
      periodStart: childAttr(d, 'period-start', 'iso-date', p),
      periodEnd: childAttr(d, 'period-end', 'iso-date', p),
      value: value(d, p, 'planned-disbursement'),
      provider: org(first(d, 'provider-org'), `${p}/provider-org[0]`, 'provider-org'),
      receiver: org(first(d, 'receiver-org'), `${p}/receiver-org[0]`, 'receiver-org'),
    })),
  };
}

/** The activities of one `iati_json` value (an object, or a string holding one). */
function activitiesOf(iatiJson: unknown, path: string): IatiActivity[] {
  let blob = iatiJson;
  if (typeof blob === 'string') {
    try {
      blob = JSON.parse(blob) as unknown;
    } catch (error) {
      throw fileError(path, 'iati_json', `is not valid JSON: ${(error as Error).message}`);
    }
  }
  const node = asNode(blob);
  if (!node || !('iati-activity' in node)) {
    throw fileError(path, 'iati_json', 'must be an object with an "iati-activity" list');
  }
  return children(node, 'iati-activity').map(({ node: activity, index }) =>
    readActivity(activity, `${path}/iati-activity[${index}]`),
  );
}

/**
 * Reads the IATI Datastore's JSON (see above) into the same records as the XML reader. A file
 * that is not such JSON throws `IatiFileError` naming the path; content problems are left to the
 * importer, per activity.
 */
export function parseIatiDatastoreJson(text: string): IatiFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : 1;
    throw new IatiFileError(line, undefined, 'json', message);
  }
  const root = asNode(parsed);
  if (!root) {
    throw new IatiFileError(1, undefined, 'json', 'the file must hold one JSON object', '$');
  }
  const declared = root[CRG_SYNTHETIC_KEY];
  const synthetic = declared === undefined ? false : syntheticDeclaration(declared);
  if (synthetic === undefined) {
    throw new IatiFileError(
      1,
      undefined,
      CRG_SYNTHETIC_KEY,
      `must be true or false; got ${JSON.stringify(declared)}`,
      `$.${CRG_SYNTHETIC_KEY}`,
    );
  }
  if ('iati-activity' in root) {
    return { synthetic, activities: activitiesOf(root, '$') };
  }
  const docs = asNode(root['response'])?.['docs'];
  if (!Array.isArray(docs)) {
    throw new IatiFileError(
      1,
      undefined,
      'response',
      'expected the Datastore\'s { "response": { "docs": [ … ] } } or an { "iati-activity": [ … ] } object',
      '$',
    );
  }
  return {
    synthetic,
    activities: docs.flatMap((doc, i) => {
      const path = `response.docs[${i}]`;
      const iatiJson = asNode(doc)?.['iati_json'];
      if (iatiJson === undefined) {
        throw new IatiFileError(
          0,
          undefined,
          'iati_json',
          'is missing: ask the Datastore for it (fl=iati_json); its flattened fields cannot be matched element to element',
          path,
        );
      }
      return activitiesOf(iatiJson, `${path}.iati_json`);
    }),
  };
}
