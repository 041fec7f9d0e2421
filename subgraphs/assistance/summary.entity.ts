import { Field, Int, ObjectType } from 'type-graphql';
import { Basis } from '../../schema/basis.js';
import { Confidence } from '../../schema/common-types.js';
import { GpcArea, GpcPillar } from '../../schema/gpc.js';
import { DateScalar, DecimalScalar } from '../../schema/scalars.js';
import { RoleCount } from './activity.entity.js';
import { ActivityType, DeliveryGrouping } from './codes.model.js';
import { Country, M49Region } from './foreign.entity.js';
import { OutcomeKind } from './outcome.entity.js';

@ObjectType({ description: 'Practitioners trained: participants of trainings and mentoring.' })
export class PractitionersTrained {
  @Field(() => Int, { description: 'Everyone.' })
  total!: number;

  @Field(() => Int, { description: 'Women.' })
  female!: number;

  @Field(() => Int, { description: 'Men.' })
  male!: number;

  @Field(() => Int, { description: 'Other or not stated.' })
  other!: number;

  @Field(() => [RoleCount], {
    description: 'By role, where recorded (roles may not sum to total).',
  })
  byRole!: RoleCount[];
}

@ObjectType({ description: 'Outcomes of one kind, in one region, after activities of one pillar.' })
export class OutcomeCount {
  @Field(() => OutcomeKind, { description: 'What changed.' })
  kind!: OutcomeKind;

  @Field(() => M49Region, {
    nullable: true,
    description: 'The M49 region of the State where it happened.',
  })
  region!: M49Region | null;

  @Field(() => GpcPillar, {
    nullable: true,
    description: 'The pillar of the activity it followed; null when linked to a request only.',
  })
  pillar!: GpcPillar | null;

  @Field(() => Int, { description: 'Outcomes that occurred in the period.' })
  outcomes!: number;
}

@ObjectType({ description: 'One group of `deliverySummary`.' })
export class DeliveryRow {
  @Field(() => String, {
    description: 'The group: an M49 code, ISO code, pillar, area or activity type.',
  })
  key!: string;

  @Field(() => M49Region, { nullable: true, description: 'The region, when grouped by REGION.' })
  region!: M49Region | null;

  @Field(() => Country, { nullable: true, description: 'The country, when grouped by COUNTRY.' })
  country!: Country | null;

  @Field(() => GpcPillar, { nullable: true, description: 'The pillar, when grouped by PILLAR.' })
  pillar!: GpcPillar | null;

  @Field(() => GpcArea, { nullable: true, description: 'The area, when grouped by AREA.' })
  area!: GpcArea | null;

  @Field(() => ActivityType, {
    nullable: true,
    description: 'The type, when grouped by ACTIVITY_TYPE.',
  })
  activityType!: ActivityType | null;

  @Field(() => Int, { description: 'Published activities starting in the period.' })
  activities!: number;

  @Field(() => PractitionersTrained, { description: 'Participants of trainings and mentoring.' })
  practitionersTrained!: PractitionersTrained;

  @Field(() => Int, { description: 'Distinct beneficiary countries of those activities.' })
  countriesReached!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Requests received in the period; null when grouped by PILLAR or ACTIVITY_TYPE (requests carry neither).',
  })
  requestsReceived!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Requests that reached MET in the period; null as for `requestsReceived`.',
  })
  requestsMet!: number | null;
}

@ObjectType({
  description:
    'A figure or fact the Global Programme reported, cited; aggregates stay aggregates (never spread into invented activities).',
})
export class ReportedResult {
  @Field(() => String, { description: 'Code of the fact in the seed (gpc_facts.csv).' })
  code!: string;

  @Field(() => String, { description: 'What was reported.' })
  label!: string;

  @Field(() => Int, { nullable: true, description: 'Year it refers to, when given.' })
  year!: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The figure, when there is one.' })
  value!: string | null;

  @Field(() => String, { nullable: true, description: 'Its unit (ISO 4217 code for money).' })
  unit!: string | null;

  @Field(() => String, { nullable: true, description: 'Qualifier, such as "more than".' })
  valueNote!: string | null;

  @Field(() => Country, { nullable: true, description: 'The country it is about, if one.' })
  country!: Country | null;

  @Field(() => GpcPillar, { nullable: true, description: 'The pillar it is reported under.' })
  pillar!: GpcPillar | null;

  @Field(() => String, { description: 'Where it is published.' })
  source!: string;

  @Field(() => Confidence, { description: 'Whether it was checked against the source.' })
  confidence!: Confidence;

  @Field(() => String, { nullable: true, description: 'Caveats.' })
  notes!: string | null;
}

@ObjectType({ description: 'Delivery figures for the report (DOMAIN.md §7, items 1, 2 and 9).' })
export class DeliverySummary {
  @Field(() => DeliveryGrouping, { description: 'How rows are grouped.' })
  groupBy!: DeliveryGrouping;

  @Field(() => DateScalar, { nullable: true, description: 'Period start, when given.' })
  from!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Period end, when given.' })
  to!: string | null;

  @Field(() => String, { description: 'How the figures are counted.' })
  rules!: string;

  @Field(() => [DeliveryRow], { description: 'One row per group, by key.' })
  rows!: DeliveryRow[];

  @Field(() => Basis, {
    description:
      'The activities and requests these rows count, real and synthetic apart (real activities by confidence; requests carry none). Reported results are cited records, listed apart.',
  })
  basis!: Basis;

  @Field(() => [OutcomeCount], {
    description:
      'Outcomes that occurred in the period, by kind, region and pillar (real ones unless `includeSynthetic`; none are seeded).',
  })
  outcomes!: OutcomeCount[];

  @Field(() => [ReportedResult], {
    description: 'Cited figures the programme reported for years in the period (not summed in).',
  })
  reportedResults!: ReportedResult[];
}
