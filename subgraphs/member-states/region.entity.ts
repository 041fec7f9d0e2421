import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from '../../schema/cache-control.js';
import { M49CodeScalar } from '../../schema/scalars.js';

export enum RegionLevel {
  REGION = 'REGION',
  SUBREGION = 'SUBREGION',
  INTERMEDIATE_REGION = 'INTERMEDIATE_REGION',
}

registerEnumType(RegionLevel, {
  name: 'RegionLevel',
  description: 'The three levels of UN M49 geographic groupings.',
  valuesConfig: {
    REGION: { description: 'Africa, Americas, Asia, Europe, Oceania.' },
    SUBREGION: { description: 'Such as Sub-Saharan Africa or Western Asia.' },
    INTERMEDIATE_REGION: { description: 'Such as Eastern Africa or the Caribbean.' },
  },
});

@ObjectType('M49Region', {
  description: 'A UN M49 geographic region, sub-region or intermediate region (UNSD).',
})
@Directive('@key(fields: "m49")')
@Directive(cacheHint.reference)
export class M49Region {
  @Field(() => M49CodeScalar, { description: 'UN M49 code, three digits: the federation key.' })
  m49!: string;

  @Field(() => String, { description: 'UNSD name of the area.' })
  name!: string;

  @Field(() => RegionLevel, { description: 'Region, sub-region or intermediate region.' })
  level!: RegionLevel;

  @Field(() => Int, {
    description: 'How many UN Member States the area holds (observer States not counted).',
  })
  memberStateCount!: number;

  @Field(() => String, { description: 'The source of this record.' })
  source!: string;

  /** M49 code of the enclosing area; `null` for the five regions (their parent is the World). */
  parentM49!: string | null;
}
