import { Field, ID, InputType } from 'type-graphql';
import { CountryCodeScalar, UrlScalar } from '../../schema/scalars.js';
import { MAX_SEARCH_LENGTH } from '../../schema/validation.js';
import { PartnerCategory } from './organization.entity.js';

@InputType({ description: 'Narrows `organizations`; all given conditions must hold.' })
export class OrganizationFilter {
  @Field(() => PartnerCategory, { nullable: true, description: 'Partner category.' })
  category?: PartnerCategory;

  @Field(() => CountryCodeScalar, {
    nullable: true,
    description: 'Declares this country among its countries of operation.',
  })
  countryOfOperation?: string;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Headquartered in this country.' })
  hqCountry?: string;

  @Field(() => String, {
    nullable: true,
    description: `Case-insensitive text in the name or acronym, or the exact id (1–${MAX_SEARCH_LENGTH} characters).`,
  })
  search?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Include archived organizations (default false).',
  })
  includeArchived?: boolean;
}

@InputType({ description: 'A new organization. Editors only; real organizations only, cited.' })
export class CreateOrganizationInput {
  @Field(() => ID, {
    description: 'A stable slug: lower-case letters, digits and hyphens, 2–63 characters.',
  })
  id!: string;

  @Field(() => String, { description: 'Full name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Acronym.' })
  acronym?: string;

  @Field(() => PartnerCategory, { description: 'Partner category.' })
  partnerCategory!: PartnerCategory;

  @Field(() => String, { nullable: true, description: 'IATI OrganisationType code.' })
  iatiOrgType?: string;

  @Field(() => String, { nullable: true, description: 'OECD DAC CRS channel code.' })
  crsChannelCode?: string;

  @Field(() => String, { nullable: true, description: 'IATI organisation identifier.' })
  iatiOrgId?: string;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Headquarters country.' })
  hqCountry?: string;

  @Field(() => UrlScalar, { nullable: true, description: 'Official website, from a source.' })
  website?: string;

  @Field(() => String, { nullable: true, description: 'Its role in the cybercrime domain.' })
  description?: string;

  @Field(() => [CountryCodeScalar], {
    nullable: true,
    description: 'Countries where it operates.',
  })
  countriesOfOperation?: string[];

  @Field(() => String, { description: 'The public source of this record.' })
  source!: string;
}

@InputType({
  description:
    'Changes to an organization; absent fields stay as they are. A partner may change its own profile fields (acronym, website, description, headquarters, countries of operation); editors may change every field.',
})
export class UpdateOrganizationInput {
  @Field(() => String, {
    nullable: true,
    description: 'Full name (editors only; cannot be cleared).',
  })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Acronym; null clears it.' })
  acronym?: string | null;

  @Field(() => PartnerCategory, {
    nullable: true,
    description: 'Partner category (editors only; cannot be cleared).',
  })
  partnerCategory?: PartnerCategory | null;

  @Field(() => String, {
    nullable: true,
    description: 'IATI OrganisationType (editors only); null clears it.',
  })
  iatiOrgType?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'CRS channel code (editors only); null clears it.',
  })
  crsChannelCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'IATI identifier (editors only); null clears it.',
  })
  iatiOrgId?: string | null;

  @Field(() => CountryCodeScalar, {
    nullable: true,
    description: 'Headquarters country; null clears it.',
  })
  hqCountry?: string | null;

  @Field(() => UrlScalar, { nullable: true, description: 'Official website; null clears it.' })
  website?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Its role in the cybercrime domain; null clears it.',
  })
  description?: string | null;

  @Field(() => [CountryCodeScalar], {
    nullable: true,
    description: 'Replaces the countries where it operates; [] clears them.',
  })
  countriesOfOperation?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True once an editor has checked who an organisation an import created unverified is (editors only; cannot be cleared).',
  })
  verified?: boolean | null;
}
