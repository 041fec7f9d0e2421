import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Project', {
  description: 'A project, owned by funding; assistance adds the activities delivered under it.',
})
@Directive('@key(fields: "id")')
export class Project {
  @Field(() => ID, { description: 'Project id: the federation key.' })
  id!: string;
}
