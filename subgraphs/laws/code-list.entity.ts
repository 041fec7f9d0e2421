import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';

/** The five code lists, as stored in `code_entry.list`. */
export enum CodeList {
  OFFENCE_CATEGORY = 'OFFENCE_CATEGORY',
  PROCEDURAL_POWER = 'PROCEDURAL_POWER',
  COOPERATION_MECHANISM = 'COOPERATION_MECHANISM',
  CROSS_CUTTING_ISSUE = 'CROSS_CUTTING_ISSUE',
  CRIME_TYPE = 'CRIME_TYPE',
}

/** Offence-category schemes: the instrument (or study) each code list comes from. */
export enum OffenceScheme {
  BUDAPEST = 'BUDAPEST',
  UN_CONVENTION = 'UN_CONVENTION',
  COMPREHENSIVE_STUDY_2013 = 'COMPREHENSIVE_STUDY_2013',
  FIRST_PROTOCOL = 'FIRST_PROTOCOL',
}

registerEnumType(OffenceScheme, {
  name: 'OffenceScheme',
  description: 'A scheme of offence categories.',
  valuesConfig: {
    BUDAPEST: { description: 'Budapest Convention (CETS-185), arts. 2–13.' },
    UN_CONVENTION: { description: 'UN Convention against Cybercrime (UNCC-2024), arts. 7–21.' },
    COMPREHENSIVE_STUDY_2013: {
      description: 'UNODC Comprehensive Study on Cybercrime (2013) act descriptions.',
    },
    FIRST_PROTOCOL: { description: 'First Additional Protocol (CETS-189), arts. 3–7.' },
  },
});

/** Schemes a coverage (gap) analysis can run against: the two cybercrime conventions. */
export enum CoverageScheme {
  BUDAPEST = 'BUDAPEST',
  UN_CONVENTION = 'UN_CONVENTION',
}

registerEnumType(CoverageScheme, {
  name: 'CoverageScheme',
  description:
    'A convention whose offences and procedural powers a country’s law is checked against.',
  valuesConfig: {
    BUDAPEST: { description: 'Budapest Convention (CETS-185).' },
    UN_CONVENTION: { description: 'UN Convention against Cybercrime (UNCC-2024).' },
  },
});

export const SCHEME_CODES: Record<OffenceScheme, string> = {
  [OffenceScheme.BUDAPEST]: 'CETS-185',
  [OffenceScheme.UN_CONVENTION]: 'UNCC-2024',
  [OffenceScheme.COMPREHENSIVE_STUDY_2013]: 'UNODC-CS-2013',
  [OffenceScheme.FIRST_PROTOCOL]: 'CETS-189',
};

export function schemeOfCode(instrumentCode: string | null): OffenceScheme | null {
  const found = Object.entries(SCHEME_CODES).find(([, code]) => code === instrumentCode);
  return found ? (found[0] as OffenceScheme) : null;
}

@ObjectType('OffenceCategory', {
  description:
    'An offence category of one scheme (Budapest, UN Convention, Comprehensive Study 2013, First Protocol). `concepts` cross-walk the schemes (a project mapping, not an official concordance).',
})
@Directive('@key(fields: "code")')
export class OffenceCategory {
  @Field(() => String, { description: 'Stable code, such as "BC-2" or "UNCC-7": the key.' })
  code!: string;

  @Field(() => OffenceScheme, { description: 'The scheme this category belongs to.' })
  scheme!: OffenceScheme;

  @Field(() => String, {
    nullable: true,
    description: 'Article number in the instrument; null for the 2013 Study.',
  })
  article!: string | null;

  @Field(() => String, { description: 'Title of the category (short, as in the instrument).' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Group (title or chapter) code.' })
  groupCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Group (title or chapter) title.' })
  groupTitle!: string | null;

  @Field(() => [String], {
    description:
      'Crosswalk concepts shared across schemes ("ILLEGAL_ACCESS"); empty where none is assigned.',
  })
  concepts!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'CYBER_DEPENDENT, CYBER_ENABLED or OCSEA (UNODC framing).',
  })
  coarseTag!: string | null;

  @Field(() => String, { description: 'The sources of this record.' })
  source!: string;

  @Field(() => Confidence, { description: 'Whether the record was checked against its source.' })
  confidence!: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes!: string | null;
}

@ObjectType('TreatyArticle', { description: 'Where a code appears in one treaty.' })
export class TreatyArticle {
  @Field(() => String, { description: 'Instrument code, such as "CETS-185".' })
  instrumentCode!: string;

  @Field(() => String, { description: 'Article number, such as "18" or "18(1)(b)".' })
  article!: string;

  @Field(() => String, { nullable: true, description: 'Article title in that treaty.' })
  title!: string | null;

  @Field(() => Confidence, { description: 'Whether the article reference was verified.' })
  confidence!: Confidence;
}

@ObjectType('ProceduralPower', {
  description: 'A procedural power (Budapest arts. 14–21, UN Convention arts. 23–34).',
})
@Directive('@key(fields: "code")')
export class ProceduralPower {
  @Field(() => String, { description: 'Stable code, such as "PRODUCTION_ORDER": the key.' })
  code!: string;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => [TreatyArticle], { description: 'The articles of each treaty that provide it.' })
  articles!: TreatyArticle[];

  @Field(() => String, { description: 'The sources of this record.' })
  source!: string;

  @Field(() => Confidence, {
    description: 'VERIFIED only when every article reference is verified.',
  })
  confidence!: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes!: string | null;
}

@ObjectType('CooperationMechanism', {
  description:
    'An international cooperation mechanism (Budapest arts. 23–35, UN Convention arts. 35–52, Second Protocol tools).',
})
@Directive('@key(fields: "code")')
export class CooperationMechanism {
  @Field(() => String, { description: 'Stable code: the key.' })
  code!: string;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => [TreatyArticle], { description: 'The articles of each treaty that provide it.' })
  articles!: TreatyArticle[];

  @Field(() => String, {
    nullable: true,
    description: 'EXTRADITION, MLA_CENTRAL or POC_24_7 for the authorities Parties notify.',
  })
  designatedAuthorityType!: string | null;

  @Field(() => String, { description: 'The sources of this record.' })
  source!: string;

  @Field(() => Confidence, {
    description: 'VERIFIED only when every article reference is verified.',
  })
  confidence!: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes!: string | null;
}

@ObjectType('CrossCuttingIssue', {
  description: 'A cross-cutting issue for tagging laws, cases and lessons (project code list).',
})
@Directive('@key(fields: "code")')
export class CrossCuttingIssue {
  @Field(() => String, { description: 'Stable code: the key.' })
  code!: string;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What the issue covers.' })
  description!: string | null;

  @Field(() => String, { description: 'The sources of this record.' })
  source!: string;

  @Field(() => Confidence, { description: 'Whether the record was checked against its source.' })
  confidence!: Confidence;
}

@ObjectType('CrimeType', { description: 'A SHERLOC crime type.' })
@Directive('@key(fields: "code")')
export class CrimeType {
  @Field(() => String, { description: 'Stable code, such as "CYBERCRIME": the key.' })
  code!: string;

  @Field(() => String, { description: 'Label as on SHERLOC.' })
  label!: string;

  @Field(() => Int, { description: 'Display order.' })
  sortOrder!: number;

  @Field(() => String, { description: 'The sources of this record.' })
  source!: string;

  @Field(() => Confidence, { description: 'Whether the record was checked against its source.' })
  confidence!: Confidence;
}

/** Any entry of a code list, as the repository returns it before it is shaped per list. */
export interface CodeEntry {
  list: CodeList;
  code: string;
  title: string;
  scheme: string | null;
  article: string | null;
  concepts: string[];
  attributes: Record<string, string | null>;
  sortOrder: number;
  source: string;
  confidence: Confidence;
  notes: string | null;
}
