import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType('NeedsAssessment', {
  description:
    'A needs assessment, owned by member-states; assistance adds the activities that answered it.',
})
@Directive('@key(fields: "id")')
export class NeedsAssessment {
  @Field(() => ID, { description: 'Assessment id: the federation key.' })
  id!: string;
}
