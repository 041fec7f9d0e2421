import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { ReviewStatus } from '../../schema/review.js';
import { CountryCodeScalar, DateScalar, UrlScalar } from '../../schema/scalars.js';

export enum LegislationStatus {
  IN_FORCE = 'IN_FORCE',
  AMENDED = 'AMENDED',
  REPEALED = 'REPEALED',
  DRAFT = 'DRAFT',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(LegislationStatus, {
  name: 'LegislationStatus',
  description: 'Legal status of a law.',
  valuesConfig: {
    IN_FORCE: { description: 'In force.' },
    AMENDED: { description: 'In force as amended by later legislation (counts as in force).' },
    REPEALED: { description: 'Repealed or replaced; kept for history.' },
    DRAFT: { description: 'A bill or draft; not in force.' },
    UNKNOWN: {
      description:
        'The source does not say (catalogue entries: UNCTAD lists a title and a link, not a status).',
    },
  },
});

/** Shown wherever UNCTAD's data is shown (its terms of use ask for this acknowledgement). */
export const UNCTAD_ATTRIBUTION =
  'Source: UN Trade and Development (UNCTAD), Global Cyberlaw Tracker';

export enum LegislationKind {
  CURATED = 'CURATED',
  CATALOGUE_ENTRY = 'CATALOGUE_ENTRY',
}

registerEnumType(LegislationKind, {
  name: 'LegislationKind',
  description: 'How much of a law is recorded.',
  valuesConfig: {
    CURATED: {
      description: 'A curated record: type, year and dates as curators recorded them.',
    },
    CATALOGUE_ENTRY: {
      description:
        'A law as a catalogue lists it (the UNCTAD Global Cyberlaw Tracker): title as listed, link, language where the title names it; no type, status or dates (none invented). An editor promotes it to a curated record.',
    },
  },
});

@ObjectType('CatalogueListing', {
  description: `How a catalogue lists a law: for every catalogue entry, and as a second source of a curated record of the same law. ${UNCTAD_ATTRIBUTION}; may be freely quoted and used with appropriate acknowledgement (not an open-data licence).`,
})
export class CatalogueListing {
  @Field(() => String, { description: '"UNCTAD:<ISO3>:<seq>": the catalogue, State and order.' })
  ref!: string;

  @Field(() => String, { description: 'The title verbatim as the catalogue lists it.' })
  titleAsListed!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The link the catalogue gives (some are third-party or stale); null where none.',
  })
  url!: string | null;

  @Field(() => String, { description: 'Where the listing was copied from.' })
  source!: string;

  @Field(() => String, { description: "The catalogue's terms of use, as recorded." })
  licence!: string;

  @Field(() => String, { description: `The acknowledgement to show: "${UNCTAD_ATTRIBUTION}".` })
  attribution!: string;
}

/** Statuses whose provisions count as in force (coverage and the `inForce` filter). */
export const IN_FORCE_STATUSES: readonly LegislationStatus[] = [
  LegislationStatus.IN_FORCE,
  LegislationStatus.AMENDED,
];

export enum LegislationType {
  ACT = 'ACT',
  LAW = 'LAW',
  CODE = 'CODE',
  DECREE_LAW = 'DECREE_LAW',
  REGULATION = 'REGULATION',
  OTHER = 'OTHER',
}

registerEnumType(LegislationType, {
  name: 'LegislationType',
  description: 'Kind of legal instrument.',
  valuesConfig: {
    ACT: { description: 'An Act of a legislature.' },
    LAW: { description: 'A law (civil-law naming).' },
    CODE: { description: 'A code, or a part of one.' },
    DECREE_LAW: { description: 'A decree-law.' },
    REGULATION: { description: 'Secondary legislation.' },
    OTHER: { description: 'Anything else.' },
  },
});

@ObjectType('Legislation', {
  description:
    'A national law on cybercrime. Real laws carry their source; illustrative records are `synthetic: true`.',
})
@Directive('@key(fields: "id")')
export class Legislation {
  @Field(() => ID, { description: 'Stable slug, such as "GBR-CMA-1990": the key.' })
  id!: string;

  @Field(() => CountryCodeScalar, { description: 'ISO alpha-3 code of the enacting State.' })
  countryIso3!: string;

  @Field(() => String, { description: 'Title in English.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Title in the original language.' })
  originalTitle!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Language of the text (ISO 639-1): for catalogue entries, the language the listed title names ("(in French)" → "fr"); null where not recorded.',
  })
  originalLanguage!: string | null;

  @Field(() => LegislationType, {
    nullable: true,
    description: 'Kind of instrument; null on a catalogue entry (the catalogue does not say).',
  })
  type!: LegislationType | null;

  @Field(() => LegislationKind, {
    description: 'A curated record, or an entry as the UNCTAD catalogue lists it.',
  })
  kind!: LegislationKind;

  @Field(() => CatalogueListing, {
    nullable: true,
    description: `How the UNCTAD Global Cyberlaw Tracker lists this law (for a curated record: a second source). ${UNCTAD_ATTRIBUTION}.`,
  })
  catalogueListing!: CatalogueListing | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Terms of use of the record, where its source sets them (UNCTAD for catalogue entries).',
  })
  licence!: string | null;

  @Field(() => String, {
    nullable: true,
    description: `The acknowledgement to show with the record, where its source asks for one ("${UNCTAD_ATTRIBUTION}").`,
  })
  attribution!: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Year of the law (curated records). Catalogue entries: null (a year in the title is only a hint).',
  })
  year!: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'Adoption date; null if not collected.' })
  adoptedOn!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'In force since; null if not collected.',
  })
  inForceOn!: string | null;

  @Field(() => LegislationStatus, {
    description:
      'Legal status. For seeded laws IN_FORCE is a default unless the data says otherwise: see `notes` and docs/laws.md.',
  })
  status!: LegislationStatus;

  @Field(() => UrlScalar, { nullable: true, description: 'Where the text can be read.' })
  documentUrl!: string | null;

  @Field(() => String, { description: 'The sources of this record.' })
  source!: string;

  @Field(() => Confidence, { description: 'Whether the record was checked against its source.' })
  confidence!: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When a curator last checked it.' })
  lastVerifiedOn!: string | null;

  @Field(() => Boolean, { description: 'True for illustrative, generated records.' })
  synthetic!: boolean;

  @Field(() => ReviewStatus, { description: 'Editorial state; `public` sees PUBLISHED only.' })
  reviewStatus!: ReviewStatus;

  /** Ids of the laws this one amends or replaces. */
  amendsIds!: string[];
}

@ObjectType('LegalProvision', {
  description:
    'One article or section of a law, tagged with the code lists. `summary` is a neutral one-line description written by curators, NOT the statutory text.',
})
@Directive('@key(fields: "id")')
export class LegalProvision {
  @Field(() => ID, { description: 'Stable id, such as "GBR-CMA-1990-s1": the key.' })
  id!: string;

  @Field(() => ID, { description: 'The law it belongs to.' })
  legislationId!: string;

  @Field(() => CountryCodeScalar, { description: 'ISO alpha-3 code of the enacting State.' })
  countryIso3!: string;

  @Field(() => String, { description: 'Article or section label as in the law, such as "s. 3ZA".' })
  label!: string;

  @Field(() => String, {
    description:
      'What the provision criminalises or provides, in one neutral line. Not the statutory text: read the source for that.',
  })
  summary!: string;

  @Field(() => [String], {
    description: 'Aligned treaty articles as "<instrument code>:<article>", such as "CETS-185:2".',
  })
  instrumentArticles!: string[];

  @Field(() => String, { description: 'The sources of this record.' })
  source!: string;

  @Field(() => Confidence, {
    description: 'Whether label, summary and tags were checked against the statute.',
  })
  confidence!: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes!: string | null;

  @Field(() => Boolean, { description: 'True for illustrative, generated records.' })
  synthetic!: boolean;

  @Field(() => ReviewStatus, { description: 'Editorial state; `public` sees PUBLISHED only.' })
  reviewStatus!: ReviewStatus;

  sortOrder!: number;
  offenceCategoryCodes!: string[];
  proceduralPowerCodes!: string[];
  cooperationMechanismCodes!: string[];
  crossCuttingIssueCodes!: string[];
}
