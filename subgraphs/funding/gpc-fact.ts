import type { Kysely } from 'kysely';
import { Arg, Ctx, Field, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import { Confidence, toConfidence } from '../../schema/common-types.js';
import { listSize } from '../../schema/cost.js';
import type { FundingContext } from './context.js';
import type { FundingTables } from './funding.table.js';

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

async function findGpcFacts(
  db: Kysely<FundingTables>,
  type: GpcFactType | undefined,
): Promise<GpcFact[]> {
  let query = db.selectFrom('gpc_fact').selectAll().orderBy('fact_type').orderBy('code');
  if (type) {
    query = query.where('fact_type', '=', type);
  }
  return (await query.execute()).map((r) => ({
    code: r.code,
    type: r.fact_type as GpcFactType,
    label: r.label,
    value: r.value,
    unit: r.unit,
    valueNote: r.value_note,
    date: r.date,
    source: r.source,
    confidence: toConfidence(r.confidence),
    notes: r.notes,
  }));
}

@Resolver(() => GpcFact)
export class GpcFactResolver {
  @listSize(33)
  @Query(() => [GpcFact], {
    description:
      'The cited facts about the Global Programme on Cybercrime and the repository (mandate, organisation, pillars, areas, donors, contributions, results, offices, hubs, repository), by type and code. All real: the data pack holds no synthetic fact.',
  })
  async globalProgrammeFacts(
    @Ctx() ctx: FundingContext,
    @Arg('type', () => GpcFactType, { nullable: true, description: 'Only facts of this kind.' })
    type?: GpcFactType,
  ): Promise<GpcFact[]> {
    return findGpcFacts(ctx.db, type ?? undefined);
  }
}
