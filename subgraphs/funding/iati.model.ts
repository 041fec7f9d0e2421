// The format-neutral reading of an IATI 2.03 activity file: what the XML parser
// (`iati-parse.import.ts`) and the Datastore JSON parser (`iati-datastore-json.import.ts`) both
// produce, every value a string as the file wrote it (money is never a JavaScript number). `at`
// names where an element is: `line 93` in XML, a JSON path such as
// `response.docs[0].iati_json/transaction[1]`.

/** A file that cannot be read as IATI activities at all: names the place and the element. */
export class IatiFileError extends Error {
  constructor(
    readonly line: number,
    readonly column: number | undefined,
    readonly element: string,
    detail: string,
    /** For JSON, where line numbers mean little: the path of the element. */
    readonly path?: string,
  ) {
    super(`${path ?? `line ${line}${column ? `, column ${column}` : ''}`} <${element}>: ${detail}`);
    this.name = 'IatiFileError';
  }
}

/**
 * The namespace of this project's one extension attribute, `synthetic`, on `<iati-activities>`
 * (`xmlns:crg="urn:x-crg:iati" crg:synthetic="true"`), and the key a JSON file carries at its top
 * level (`"crg:synthetic": true`). IATI allows extensions in a namespace of their own; a file is
 * synthetic only when it says so itself.
 */
export const CRG_NAMESPACE = 'urn:x-crg:iati';
export const CRG_SYNTHETIC_KEY = 'crg:synthetic';

export interface IatiValue {
  amount: string | undefined;
  currency: string | undefined;
  valueDate: string | undefined;
}

/** An organisation as a file names it: a reference, a name, or both. */
export interface IatiOrgMention {
  ref: string | undefined;
  name: string | undefined;
  type: string | undefined;
}

export interface IatiParticipant extends IatiOrgMention {
  at: string;
  roleCode: string | undefined;
}

export interface IatiTransaction {
  at: string;
  ref: string | undefined;
  typeCode: string | undefined;
  date: string | undefined;
  value: IatiValue;
  provider: IatiOrgMention;
  providerActivityId: string | undefined;
  receiver: IatiOrgMention;
  description: string | undefined;
}

export interface IatiBudget {
  at: string;
  typeCode: string | undefined;
  statusCode: string | undefined;
  periodStart: string | undefined;
  periodEnd: string | undefined;
  value: IatiValue;
}

export interface IatiPlannedDisbursement {
  at: string;
  typeCode: string | undefined;
  periodStart: string | undefined;
  periodEnd: string | undefined;
  value: IatiValue;
  provider: IatiOrgMention;
  receiver: IatiOrgMention;
}

export interface IatiActivity {
  at: string;
  identifier: string | undefined;
  defaultCurrency: string | undefined;
  title: string | undefined;
  description: string | undefined;
  statusCode: string | undefined;
  dates: { at: string; typeCode: string | undefined; isoDate: string | undefined }[];
  participants: IatiParticipant[];
  recipients: { at: string; code: string | undefined; percentage: string | undefined }[];
  regions: {
    at: string;
    code: string | undefined;
    vocabulary: string | undefined;
    percentage: string | undefined;
  }[];
  sectors: { at: string; code: string | undefined; vocabulary: string | undefined }[];
  transactions: IatiTransaction[];
  budgets: IatiBudget[];
  plannedDisbursements: IatiPlannedDisbursement[];
}

export interface IatiFile {
  /** True only when the file declares itself synthetic (see `CRG_NAMESPACE`). */
  synthetic: boolean;
  activities: IatiActivity[];
}

/** Reads a declared `synthetic` value; anything but true/1/false/0 is refused. */
export function syntheticDeclaration(value: unknown): boolean | undefined {
  if (value === true || value === 'true' || value === '1') {
    return true;
  }
  if (value === false || value === 'false' || value === '0') {
    return false;
  }
  return undefined;
}
