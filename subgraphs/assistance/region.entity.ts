import { Directive, Field, ObjectType } from 'type-graphql';
import { M49CodeScalar } from '../../schema/scalars.js';

@ObjectType('M49Region', { description: 'A UN M49 region, owned by member-states.' })
@Directive('@key(fields: "m49", resolvable: false)')
export class M49Region {
  @Field(() => M49CodeScalar, { description: 'UN M49 code, three digits: the federation key.' })
  m49!: string;
}
