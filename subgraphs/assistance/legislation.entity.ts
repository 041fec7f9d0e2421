import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Legislation', { description: 'A law, owned by laws; referenced by id.' })
@Directive('@key(fields: "id", resolvable: false)')
export class Legislation {
  @Field(() => ID, { description: 'Legislation id: the federation key.' })
  id!: string;
}
