import { Directive, Field, ObjectType } from 'type-graphql';

@ObjectType('OffenceCategory', {
  description: 'An offence category of a treaty or study, owned by laws; referenced by code.',
})
@Directive('@key(fields: "code", resolvable: false)')
export class OffenceCategory {
  @Field(() => String, { description: 'Offence code, such as "BC-2": the federation key.' })
  code!: string;
}
