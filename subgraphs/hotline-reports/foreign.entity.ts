import { Directive, Field, ObjectType } from 'type-graphql';
import { CountryCodeScalar } from '../../schema/scalars.js';

/** A stub of the core's `Country` (owned by member-states): the key only; fields come by resolver. */
@ObjectType('Country', {
  description:
    'A UN Member State or non-member observer State. Owned by member-states; other subgraphs add fields by key.',
})
@Directive('@key(fields: "iso3")')
export class Country {
  @Field(() => CountryCodeScalar, { description: 'ISO 3166-1 alpha-3 code: the federation key.' })
  iso3!: string;
}
