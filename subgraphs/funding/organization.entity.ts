import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Organization', {
  description:
    'An organisation, owned by the partners subgraph; funding adds its contributions by key.',
})
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID, { description: 'Organisation id (slug): the federation key.' })
  id!: string;
}
