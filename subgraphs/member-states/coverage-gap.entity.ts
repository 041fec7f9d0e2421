import { Directive, Field, ObjectType } from 'type-graphql';
import { GpcArea } from '../../schema/gpc.js';
import { CountryCodeScalar, DateScalar, M49CodeScalar } from '../../schema/scalars.js';
import { Severity } from './needs-assessment.entity.js';

@ObjectType({
  description:
    'The latest start of a published assistance activity in one country and Global Programme area, resolved by the assistance subgraph.',
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

@ObjectType({
  description:
    'A HIGH-severity needs-assessment finding with no assistance activity addressing its area in its country since the assessment (completion date, or start while under way).',
})
export class CoverageGap {
  @Field(() => GpcArea, { description: 'The area of the finding.' })
  area!: GpcArea;

  @Field(() => String, { description: 'The gap found.' })
  gap!: string;

  @Field(() => Severity, { description: 'Always HIGH here.' })
  severity!: Severity;

  @Field(() => DateScalar, { description: 'Activities from this day on would address it.' })
  since!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Start of the latest activity in that country and area, if any (before `since`).',
  })
  lastActivityStart!: string | null;

  assessmentId!: string;
  countryIso3!: string;
}

@ObjectType({
  description:
    'Coverage gaps of one M49 area: findings are owned here (member-states), activity coverage is resolved by assistance through `@requires`. Only findings the viewer may read are listed.',
})
@Directive('@key(fields: "region")')
export class CoverageGapReport {
  @Field(() => M49CodeScalar, { description: 'The M49 area: the federation key.' })
  region!: string;

  @Field(() => [CountryCodeScalar], { description: 'ISO codes of the States in the area.' })
  memberIso3s!: string[];

  @Field(() => [AreaCoverage], { description: 'Resolved by assistance.' })
  @Directive('@external')
  coverage?: AreaCoverage[];
}
