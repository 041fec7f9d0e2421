import { Field, InputType } from 'type-graphql';
import { M49CodeScalar } from '../../schema/scalars.js';
import { MAX_SEARCH_LENGTH } from '../../schema/validation.js';
import { MemberStatus, UnRegionalGroup } from './country.entity.js';
import { CyberlawStatusFilter, UNCTAD_ATTRIBUTION } from './cyberlaw.entity.js';

@InputType({ description: 'Narrows `countries`; all given conditions must hold.' })
export class CountryFilter {
  @Field(() => M49CodeScalar, {
    nullable: true,
    description: 'M49 code of a region, such as "002" (Africa).',
  })
  region?: string;

  @Field(() => M49CodeScalar, {
    nullable: true,
    description:
      'M49 code of a sub-region or intermediate region, such as "202" or "014" (Eastern Africa).',
  })
  subregion?: string;

  @Field(() => UnRegionalGroup, { nullable: true, description: 'UN regional group.' })
  regionalGroup?: UnRegionalGroup;

  @Field(() => MemberStatus, { nullable: true, description: 'Member State or observer State.' })
  memberStatus?: MemberStatus;

  @Field(() => String, {
    nullable: true,
    description: `Text in any of the six UN names, the common name, a former name ("Swaziland", "Turkey") or the ISO codes, ignoring case and accents ("cote d'ivoire"); 1–${MAX_SEARCH_LENGTH} characters.`,
  })
  search?: string;

  @Field(() => CyberlawStatusFilter, {
    nullable: true,
    description: `Only States with this UNCTAD Global Cyberlaw Tracker status in this area. ${UNCTAD_ATTRIBUTION}.`,
  })
  cyberlawStatus?: CyberlawStatusFilter;
}
