import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Organization', {
  description: 'An organisation, owned by partners; assistance adds the activities it implements.',
})
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID, { description: 'Organisation id (slug): the federation key.' })
  id!: string;
}
