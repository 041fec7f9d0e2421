import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { GpcArea } from '../../schema/gpc.js';
import { CountryCodeScalar, DateScalar, M49CodeScalar } from '../../schema/scalars.js';
import { TechnicalAssistanceActivity } from './activity.entity.js';
import { Country } from './country.entity.js';

@ObjectType({
  description:
    'Two activities of different implementers (no implementer in common) in the same country, sharing a Global Programme area, whose periods overlap: where a coordination meeting starts.',
})
export class ActivityOverlap {
  @Field(() => Country, { description: 'The country both benefit.' })
  country!: Country;

  @Field(() => TechnicalAssistanceActivity, { description: 'The activity with the smaller id.' })
  first!: TechnicalAssistanceActivity;

  @Field(() => TechnicalAssistanceActivity, { description: 'The activity with the larger id.' })
  second!: TechnicalAssistanceActivity;

  @Field(() => [GpcArea], { description: 'The areas both address.' })
  sharedAreas!: GpcArea[];

  @Field(() => DateScalar, { description: 'First day of the overlap (inside the period asked).' })
  overlapStart!: string;

  @Field(() => DateScalar, { description: 'Last day of the overlap (inside the period asked).' })
  overlapEnd!: string;

  @Field(() => Int, { description: 'Days both run, counting both ends.' })
  overlapDays!: number;
}

@ObjectType({
  description:
    'The latest start of a published activity in one country and Global Programme area. Shared with member-states, which computes gaps from it.',
})
@Directive('@shareable')
export class AreaCoverage {
  @Field(() => CountryCodeScalar, { description: 'The country.' })
  countryIso3!: string;

  @Field(() => GpcArea, { description: 'The area.' })
  area!: GpcArea;

  @Field(() => DateScalar, { description: 'Start of the latest activity addressing it there.' })
  latestStart!: string;
}

@ObjectType('CoverageGapReport', {
  description:
    'The gaps of one M49 area, owned by member-states (the findings); assistance resolves `coverage` from the region’s member list.',
})
@Directive('@key(fields: "region")')
export class CoverageGapReport {
  @Field(() => M49CodeScalar, { description: 'The M49 area: the federation key.' })
  region!: string;

  @Field(() => [CountryCodeScalar], {
    description: 'ISO codes of the States in the area (member-states).',
  })
  @Directive('@external')
  memberIso3s!: string[];
}
