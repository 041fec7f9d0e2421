import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';

/** The kinds of fact in `gpc_facts.csv` (the data pack's `fact_type`). */
export enum GpcFactType {
  MANDATE = 'MANDATE',
  ORGANIZATION = 'ORGANIZATION',
  PILLAR = 'PILLAR',
  AREA = 'AREA',
  FRAMING = 'FRAMING',
  DONOR = 'DONOR',
  CONTRIBUTION = 'CONTRIBUTION',
  RESULT = 'RESULT',
  OFFICE = 'OFFICE',
  HUB = 'HUB',
  REPOSITORY = 'REPOSITORY',
}

registerEnumType(GpcFactType, {
  name: 'GpcFactType',
  description: 'The kinds of fact about the UNODC Global Programme on Cybercrime in the data pack.',
  valuesConfig: {
    MANDATE: { description: 'A decision the programme or the repository rests on, and its date.' },
    ORGANIZATION: { description: 'Where the programme sits and what it focuses on.' },
    PILLAR: { description: 'One of the programme’s pillars of work.' },
    AREA: { description: 'A thematic area of the programme’s work.' },
    FRAMING: { description: 'A way the programme frames cybercrime (cyber-dependent, …).' },
    DONOR: { description: 'A donor to the programme named by the source.' },
    CONTRIBUTION: { description: 'A contribution to the programme, as the source states it.' },
    RESULT: { description: 'A reported result of the programme (a count, a delivery).' },
    OFFICE: { description: 'An office or centre of the programme.' },
    HUB: { description: 'The programme’s regional hubs.' },
    REPOSITORY: { description: 'A fact about this repository (CCPCJ resolution 22/8).' },
  },
});

@ObjectType({
  description:
    'One cited fact about the UNODC Global Programme on Cybercrime and the repository (gpc_facts.csv), as the source gives it: value, unit and date are strings, never reinterpreted.',
})
export class GpcFact {
  @Field(() => String, {
    description:
      'Stable code within its type, such as "GPC_ESTABLISHED" (OCSEA is an AREA and a FRAMING).',
  })
  code!: string;

  @Field(() => GpcFactType, { description: 'The kind of fact.' })
  type!: GpcFactType;

  @Field(() => String, { description: 'What the fact says.' })
  label!: string;

  @Field(() => String, { nullable: true, description: 'Its value as given; null if none.' })
  value!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 4217 code for money, else a unit word; null if none.',
  })
  unit!: string | null;

  @Field(() => String, { nullable: true, description: 'A qualifier of the value ("more than").' })
  valueNote!: string | null;

  @Field(() => String, {
    nullable: true,
    description: '"YYYY" or "YYYY-MM-DD", as precise as the source; null if not given.',
  })
  date!: string | null;

  @Field(() => String, { description: 'The cited source(s).' })
  source!: string;

  @Field(() => Confidence, { description: 'As the data pack gives it.' })
  confidence!: Confidence;

  @Field(() => String, { nullable: true, description: 'Notes of the data pack.' })
  notes!: string | null;
}
