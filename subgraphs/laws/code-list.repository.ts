import { sql, type Kysely } from 'kysely';
import { Confidence, toConfidence } from '../../schema/common-types.js';
import {
  type CodeList,
  schemeOfCode,
  type CodeEntry,
  type CooperationMechanism,
  type CrimeType,
  type CrossCuttingIssue,
  type OffenceCategory,
  type ProceduralPower,
  type TreatyArticle,
} from './code-list.entity.js';
import type { CodeEntryRow, LawsTables } from './laws.table.js';

type Db = Kysely<LawsTables>;

function toCodeEntry(row: CodeEntryRow): CodeEntry {
  return {
    list: row.list as CodeList,
    code: row.code,
    title: row.title,
    scheme: row.scheme,
    article: row.article,
    concepts: row.concepts,
    attributes: row.attributes,
    sortOrder: row.sort_order,
    source: row.source,
    confidence: toConfidence(row.confidence),
    notes: row.notes,
  };
}

/** `list:code`, the loader key of one entry. */
export function codeEntryKey(list: CodeList, code: string): string {
  return `${list}:${code}`;
}

export async function findCodeEntriesByKeys(db: Db, keys: readonly string[]): Promise<CodeEntry[]> {
  if (keys.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('code_entry')
    .selectAll()
    .where(sql<string>`list || ':' || code`, '=', sql<string>`any(${[...keys]})`)
    .execute();
  return rows.map(toCodeEntry);
}

/** Every entry of the given lists, in list order. */
export async function findCodeEntriesByLists(
  db: Db,
  lists: readonly string[],
): Promise<CodeEntry[]> {
  if (lists.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('code_entry')
    .selectAll()
    .where('list', '=', sql<string>`any(${[...lists]})`)
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  return rows.map(toCodeEntry);
}

function treatyArticles(
  entry: CodeEntry,
  treaties: readonly (readonly [prefix: string, instrumentCode: string])[],
): TreatyArticle[] {
  const result: TreatyArticle[] = [];
  for (const [prefix, instrumentCode] of treaties) {
    const article = entry.attributes[`${prefix}_article`];
    if (article) {
      result.push({
        instrumentCode,
        article,
        title: entry.attributes[`${prefix}_title`] ?? null,
        confidence: toConfidence(entry.attributes[`${prefix}_confidence`]),
      });
    }
  }
  return result;
}

const TREATIES = [
  ['budapest', 'CETS-185'],
  ['uncc', 'UNCC-2024'],
  ['cets224', 'CETS-224'],
] as const;

export function toOffenceCategory(entry: CodeEntry): OffenceCategory {
  const scheme = schemeOfCode(entry.scheme);
  if (!scheme) {
    throw new Error(`Offence category ${entry.code} has an unknown scheme ${entry.scheme}`);
  }
  return {
    code: entry.code,
    scheme,
    article: entry.article,
    title: entry.title,
    groupCode: entry.attributes['group_code'] ?? null,
    groupTitle: entry.attributes['group_title'] ?? null,
    concepts: entry.concepts,
    coarseTag: entry.attributes['coarse_tag'] ?? null,
    source: entry.source,
    confidence: entry.confidence,
    notes: entry.notes,
  };
}

export function toProceduralPower(entry: CodeEntry): ProceduralPower {
  const articles = treatyArticles(entry, TREATIES);
  return {
    code: entry.code,
    title: entry.title,
    articles,
    source: entry.source,
    confidence: articles.every((a) => a.confidence === Confidence.VERIFIED)
      ? Confidence.VERIFIED
      : Confidence.TO_VERIFY,
    notes: entry.notes,
  };
}

export function toCooperationMechanism(entry: CodeEntry): CooperationMechanism {
  return {
    ...toProceduralPower(entry),
    designatedAuthorityType: entry.attributes['designated_authority_type'] ?? null,
  };
}

export function toCrossCuttingIssue(entry: CodeEntry): CrossCuttingIssue {
  return {
    code: entry.code,
    title: entry.title,
    description: entry.attributes['description'] ?? null,
    source: entry.source,
    confidence: entry.confidence,
  };
}

export function toCrimeType(entry: CodeEntry): CrimeType {
  return {
    code: entry.code,
    label: entry.title,
    sortOrder: entry.sortOrder,
    source: entry.source,
    confidence: entry.confidence,
  };
}
