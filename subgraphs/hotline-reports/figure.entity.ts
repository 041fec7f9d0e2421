import { Field, Int, ObjectType } from 'type-graphql';
import { CountryCodeScalar } from '../../schema/scalars.js';

@ObjectType('HotlineReportsFigure', {
  description:
    'Reports of suspected online child sexual abuse material a civil-society hotline network received about content hosted in a country in one year (PARTNER example subgraph hotline-reports; the data is SYNTHETIC).',
})
export class Figure {
  @Field(() => CountryCodeScalar, { description: 'ISO 3166-1 alpha-3 code of the country.' })
  iso3!: string;

  @Field(() => Int, { description: 'The calendar year the figure covers.' })
  year!: number;

  @Field(() => Int, { description: 'Reports received in the year.' })
  value!: number;

  @Field(() => Boolean, {
    description: 'True when the figure is illustrative, generated data and not a real report.',
  })
  synthetic!: boolean;

  @Field(() => String, { description: 'Who reported the figure, or how it was generated.' })
  source!: string;
}
