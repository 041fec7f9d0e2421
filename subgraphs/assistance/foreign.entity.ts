import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CountryCodeScalar, M49CodeScalar } from '../../schema/scalars.js';

// The stubs of entities other subgraphs own: their key, and the fields this subgraph adds
// through its `<owner>-assistance.resolver.ts` resolvers.

@ObjectType('Country', {
  description: 'A State, owned by member-states; assistance adds its requests and activities.',
})
@Directive('@key(fields: "iso3")')
export class Country {
  @Field(() => CountryCodeScalar, { description: 'ISO 3166-1 alpha-3 code: the federation key.' })
  iso3!: string;
}

@ObjectType('M49Region', { description: 'A UN M49 region, owned by member-states.' })
@Directive('@key(fields: "m49", resolvable: false)')
export class M49Region {
  @Field(() => M49CodeScalar, { description: 'UN M49 code, three digits: the federation key.' })
  m49!: string;
}

@ObjectType('Organization', {
  description: 'An organisation, owned by partners; assistance adds the activities it implements.',
})
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID, { description: 'Organisation id (slug): the federation key.' })
  id!: string;
}

@ObjectType('Project', {
  description: 'A project, owned by funding; assistance adds the activities delivered under it.',
})
@Directive('@key(fields: "id")')
export class Project {
  @Field(() => ID, { description: 'Project id: the federation key.' })
  id!: string;
}

@ObjectType('NeedsAssessment', {
  description:
    'A needs assessment, owned by member-states; assistance adds the activities that answered it.',
})
@Directive('@key(fields: "id")')
export class NeedsAssessment {
  @Field(() => ID, { description: 'Assessment id: the federation key.' })
  id!: string;
}

@ObjectType('Legislation', { description: 'A law, owned by laws; referenced by id.' })
@Directive('@key(fields: "id", resolvable: false)')
export class Legislation {
  @Field(() => ID, { description: 'Legislation id: the federation key.' })
  id!: string;
}

@ObjectType('LegalProvision', {
  description:
    'A provision of a law, owned by laws; assistance adds the activities that supported it.',
})
@Directive('@key(fields: "id")')
export class LegalProvision {
  @Field(() => ID, { description: 'Provision id: the federation key.' })
  id!: string;
}

@ObjectType('OffenceCategory', {
  description: 'An offence category of a treaty or study, owned by laws; referenced by code.',
})
@Directive('@key(fields: "code", resolvable: false)')
export class OffenceCategory {
  @Field(() => String, { description: 'Offence code, such as "BC-2": the federation key.' })
  code!: string;
}
