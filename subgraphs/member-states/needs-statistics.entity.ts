import { Field, Int, ObjectType } from 'type-graphql';
import { Basis } from '../../schema/basis.js';
import { GpcArea } from '../../schema/gpc.js';
import { M49CodeScalar } from '../../schema/scalars.js';
import { Country } from './country.entity.js';
import { Severity } from './needs-assessment.entity.js';

@ObjectType({ description: 'Open findings of one area at one severity.' })
class AreaSeverityCount {
  @Field(() => GpcArea, { description: 'The Global Programme area.' })
  area!: GpcArea;

  @Field(() => Severity, { description: 'The severity.' })
  severity!: Severity;

  @Field(() => Int, { description: 'Open findings counted.' })
  openFindings!: number;
}

@ObjectType({ description: 'Open findings attributed to one State.' })
class CountryFindingCount {
  @Field(() => Country, { description: 'The assessed State.' })
  country!: Country;

  @Field(() => Int, { description: 'Open findings counted for it.' })
  openFindings!: number;

  @Field(() => Int, { description: 'Of which HIGH.' })
  highFindings!: number;
}

@ObjectType({
  description:
    'Open needs-assessment findings, counted as each assessed State’s consent allows: findings the viewer may read always count; others count as the State consented (FULL: attributed; AGGREGATE: in totals only; NONE: left out, and said so in `withheldFindings`).',
})
export class NeedsFindingStatistics {
  @Field(() => M49CodeScalar, { nullable: true, description: 'The M49 area; null for all.' })
  region!: string | null;

  @Field(() => Int, { description: 'Open findings counted.' })
  openFindings!: number;

  @Field(() => [AreaSeverityCount], { description: 'The counted findings by area and severity.' })
  byAreaAndSeverity!: AreaSeverityCount[];

  @Field(() => [CountryFindingCount], {
    description: 'The counted findings the viewer may see attributed, by State.',
  })
  byCountry!: CountryFindingCount[];

  @Field(() => Int, {
    description: 'Counted findings not attributed to any State (consent AGGREGATE).',
  })
  unattributedFindings!: number;

  @Field(() => Int, {
    description:
      'Open findings left out: the viewer may not read them and the State gave no consent.',
  })
  withheldFindings!: number;

  @Field(() => Int, { description: 'Assessments whose open findings were left out.' })
  withheldAssessments!: number;

  @Field(() => Basis, { description: 'The assessments whose findings were counted.' })
  basis!: Basis;
}
