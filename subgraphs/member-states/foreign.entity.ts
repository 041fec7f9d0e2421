import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Stubs of the entities other subgraphs own, referenced here by key only.

@ObjectType({ description: 'An organization, owned by the partners subgraph; referenced by id.' })
@Directive('@key(fields: "id", resolvable: false)')
export class Organization {
  @Field(() => ID, { description: 'Organization id (a stable slug).' })
  id!: string;
}
