import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from '../../schema/cache-control.js';
import { Confidence } from '../../schema/common-types.js';
import { connectionTypes } from '../../schema/pagination.js';
import { CountryCodeScalar, M49CodeScalar } from '../../schema/scalars.js';

export enum UnRegionalGroup {
  AFRICAN = 'AFRICAN',
  ASIA_PACIFIC = 'ASIA_PACIFIC',
  EASTERN_EUROPEAN = 'EASTERN_EUROPEAN',
  LATIN_AMERICAN_CARIBBEAN = 'LATIN_AMERICAN_CARIBBEAN',
  WESTERN_EUROPEAN_OTHERS = 'WESTERN_EUROPEAN_OTHERS',
}

registerEnumType(UnRegionalGroup, {
  name: 'UnRegionalGroup',
  description: 'The five UN regional groups of Member States.',
  valuesConfig: {
    AFRICAN: { description: 'African Group.' },
    ASIA_PACIFIC: { description: 'Asia and the Pacific Group.' },
    EASTERN_EUROPEAN: { description: 'Eastern European Group.' },
    LATIN_AMERICAN_CARIBBEAN: { description: 'Latin American and Caribbean Group.' },
    WESTERN_EUROPEAN_OTHERS: { description: 'Western European and Others Group.' },
  },
});

export enum MemberStatus {
  MEMBER = 'MEMBER',
  OBSERVER = 'OBSERVER',
}

registerEnumType(MemberStatus, {
  name: 'MemberStatus',
  description: 'Standing at the United Nations.',
  valuesConfig: {
    MEMBER: { description: 'A UN Member State (193).' },
    OBSERVER: { description: 'A non-member observer State: the Holy See, the State of Palestine.' },
  },
});

@ObjectType({ description: 'A name in each of the six official UN languages.' })
@Directive(cacheHint.inherit)
class CountryNames {
  @Field(() => String, { nullable: true, description: 'Arabic.' })
  ar!: string | null;

  @Field(() => String, { nullable: true, description: 'Chinese.' })
  zh!: string | null;

  @Field(() => String, { description: 'English: the UN short name.' })
  en!: string;

  @Field(() => String, { nullable: true, description: 'French.' })
  fr!: string | null;

  @Field(() => String, { nullable: true, description: 'Russian.' })
  ru!: string | null;

  @Field(() => String, { nullable: true, description: 'Spanish.' })
  es!: string | null;
}

@ObjectType({
  description:
    'A UN Member State or non-member observer State. Owned by member-states; other subgraphs add fields by key.',
})
@Directive('@key(fields: "iso3")')
@Directive('@key(fields: "m49")')
@Directive(cacheHint.reference)
export class Country {
  @Field(() => CountryCodeScalar, { description: 'ISO 3166-1 alpha-3 code: the federation key.' })
  iso3!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 code.' })
  iso2!: string;

  @Field(() => M49CodeScalar, {
    description: 'UN M49 numeric code, three digits with leading zeros.',
  })
  m49!: string;

  @Field(() => String, { description: 'UN short name in English (UNTERM, M49 style).' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Colloquial name, for search only ("Vietnam").',
  })
  commonName!: string | null;

  @Field(() => CountryNames, { description: 'Names in the six official UN languages.' })
  names!: CountryNames;

  @Field(() => String, {
    description: 'Where the non-English names come from, and how official they are.',
  })
  namesSource!: string;

  @Field(() => UnRegionalGroup, {
    nullable: true,
    description: 'UN regional group; null for observer States.',
  })
  unRegionalGroup!: UnRegionalGroup | null;

  @Field(() => MemberStatus, { description: 'Member State or non-member observer State.' })
  memberStatus!: MemberStatus;

  @Field(() => Boolean, { description: 'True for the 193 UN Member States.' })
  isUnMember!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'For observer States: the resolution that grants the status.',
  })
  observerStatusBasis!: string | null;

  @Field(() => String, { description: 'The sources of this record.' })
  source!: string;

  @Field(() => Confidence, { description: 'Whether the record was checked against its source.' })
  confidence!: Confidence;

  /** M49 code of the region; resolved to `region` through a loader. */
  regionM49!: string;
  subregionM49!: string;
  intermediateRegionM49!: string | null;
}

/** A page of countries; `groupBy` is added by country-groups.resolver.ts. */
export const { Connection: CountryConnection } = connectionTypes<Country>(Country, 'Country');
