import { Arg, Ctx, FieldResolver, registerEnumType, Resolver, Root } from 'type-graphql';
import { listSize } from '../../schema/cost.js';
import { badUserInput } from '../../schema/errors.js';
import {
  enumValues,
  Group,
  groupScopeOf,
  GROUPS_LIST_SIZE,
  toGroups,
  type GroupValue,
} from '../../schema/grouping.js';
import type { Connection } from '../../schema/pagination.js';
import type { MemberStatesContext } from './context.js';
import {
  CountryConnection,
  type MemberStatus,
  type UnRegionalGroup,
  type Country,
} from './country.entity.js';
import {
  countCountriesBy,
  findRegions,
  type CountryFilterValues,
  type CountryGroupColumn,
} from './country.repository.js';
import { CyberlawArea, type CyberlawStatusValue, UNCTAD_ATTRIBUTION } from './cyberlaw.entity.js';
import { RegionLevel } from './region.entity.js';

enum CountryGroupField {
  REGION = 'REGION',
  SUBREGION = 'SUBREGION',
  INTERMEDIATE_REGION = 'INTERMEDIATE_REGION',
  REGIONAL_GROUP = 'REGIONAL_GROUP',
  MEMBER_STATUS = 'MEMBER_STATUS',
  CYBERLAW_STATUS = 'CYBERLAW_STATUS',
}

registerEnumType(CountryGroupField, {
  name: 'CountryGroupField',
  description: 'What `countries { groupBy }` counts the States by.',
  valuesConfig: {
    REGION: { description: 'M49 region; key: its M49 code ("002"), all five listed.' },
    SUBREGION: { description: 'M49 sub-region; key: its M49 code ("202").' },
    INTERMEDIATE_REGION: {
      description: 'M49 intermediate region ("014"); States M49 places in none count under NONE.',
    },
    REGIONAL_GROUP: {
      description:
        'UN regional group; key: the UnRegionalGroup value. The observer States, in no group, count under NONE.',
    },
    MEMBER_STATUS: { description: 'Member or observer State; key: the MemberStatus value.' },
    CYBERLAW_STATUS: {
      description: `UNCTAD Global Cyberlaw Tracker status in the area given by \`area\` (default CYBERCRIME); key: the CyberlawStatusValue. ${UNCTAD_ATTRIBUTION}.`,
    },
  },
});

const COLUMNS: Record<Exclude<CountryGroupField, 'CYBERLAW_STATUS'>, CountryGroupColumn> = {
  REGION: 'region_m49',
  SUBREGION: 'subregion_m49',
  INTERMEDIATE_REGION: 'intermediate_region_m49',
  REGIONAL_GROUP: 'un_regional_group',
  MEMBER_STATUS: 'member_status',
};

const REGIONAL_GROUPS = enumValues<UnRegionalGroup>({
  AFRICAN: 'African Group',
  ASIA_PACIFIC: 'Asia and the Pacific Group',
  EASTERN_EUROPEAN: 'Eastern European Group',
  LATIN_AMERICAN_CARIBBEAN: 'Latin American and Caribbean Group',
  WESTERN_EUROPEAN_OTHERS: 'Western European and Others Group',
});

const MEMBER_STATUSES = enumValues<MemberStatus>({
  MEMBER: 'Member State',
  OBSERVER: 'Observer State',
});

/** UNCTAD's own wording of its four classes. */
const CYBERLAW_STATUSES = enumValues<CyberlawStatusValue>({
  LEGISLATION: 'Legislation',
  DRAFT_LEGISLATION: 'Draft legislation',
  NO_LEGISLATION: 'No legislation',
  NO_DATA: 'No data',
});

/** Adds `groupBy` to `countries`: the same filtered States, counted by one field. */
@Resolver(() => CountryConnection)
export class CountryGroupsResolver {
  @FieldResolver(() => [Group], {
    description:
      'The States of this list (the whole filtered list, not only this page) counted by one field; the counts add up to `totalCount`. Such as "how many States per region have cybercrime legislation": `countries(filter: { cyberlawStatus: { area: CYBERCRIME, status: LEGISLATION } }) { groupBy(field: REGION) { key label count } }`.',
  })
  @listSize(GROUPS_LIST_SIZE)
  async groupBy(
    @Root() connection: Connection<Country>,
    @Ctx() ctx: MemberStatesContext,
    @Arg('field', () => CountryGroupField, { description: 'What to count the States by.' })
    field: CountryGroupField,
    @Arg('area', () => CyberlawArea, {
      nullable: true,
      description: 'With CYBERLAW_STATUS: the area of law (default CYBERCRIME); only then.',
    })
    area?: CyberlawArea,
  ): Promise<Group[]> {
    const filter = groupScopeOf<CountryFilterValues>(connection);
    if (area && field !== CountryGroupField.CYBERLAW_STATUS) {
      throw badUserInput([{ field: 'area', message: 'is given only with field CYBERLAW_STATUS' }]);
    }
    if (field === CountryGroupField.CYBERLAW_STATUS) {
      const counts = await countCountriesBy(ctx.db, filter, {
        cyberlawArea: area ?? CyberlawArea.CYBERCRIME,
      });
      return toGroups(counts, { closed: CYBERLAW_STATUSES, noneLabel: 'Not in the tracker' });
    }
    const counts = await countCountriesBy(ctx.db, filter, { column: COLUMNS[field] });
    switch (field) {
      case CountryGroupField.REGIONAL_GROUP:
        return toGroups(counts, { closed: REGIONAL_GROUPS, noneLabel: 'No regional group' });
      case CountryGroupField.MEMBER_STATUS:
        return toGroups(counts, { closed: MEMBER_STATUSES, noneLabel: 'Unknown' });
      default: {
        const areas = await findRegions(ctx.db, undefined);
        const names = new Map(areas.map((a) => [a.m49, a.name]));
        const closed: GroupValue[] | undefined =
          field === CountryGroupField.REGION
            ? areas
                .filter((a) => a.level === RegionLevel.REGION)
                .map((a) => ({ key: a.m49, label: a.name }))
            : undefined;
        return toGroups(counts, {
          ...(closed ? { closed } : {}),
          labelOf: (m49) => names.get(m49),
          noneLabel:
            field === CountryGroupField.INTERMEDIATE_REGION
              ? 'No intermediate region'
              : 'No M49 area',
        });
      }
    }
  }
}
