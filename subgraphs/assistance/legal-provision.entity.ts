import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType('LegalProvision', {
  description:
    'A provision of a law, owned by laws; assistance adds the activities that supported it.',
})
@Directive('@key(fields: "id")')
export class LegalProvision {
  @Field(() => ID, { description: 'Provision id: the federation key.' })
  id!: string;
}
