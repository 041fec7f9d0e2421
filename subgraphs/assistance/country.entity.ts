import { Directive, Field, ObjectType } from 'type-graphql';
import { CountryCodeScalar } from '../../schema/scalars.js';

@ObjectType('Country', {
  description: 'A State, owned by member-states; assistance adds its requests and activities.',
})
@Directive('@key(fields: "iso3")')
export class Country {
  @Field(() => CountryCodeScalar, { description: 'ISO 3166-1 alpha-3 code: the federation key.' })
  iso3!: string;
}
