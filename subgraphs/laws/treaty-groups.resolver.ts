import { Arg, Ctx, FieldResolver, registerEnumType, Resolver, Root } from 'type-graphql';
import { listSize } from '../../schema/cost.js';
import {
  countBy,
  enumValues,
  Group,
  groupScopeOf,
  GROUPS_LIST_SIZE,
  toGroups,
  type GroupValue,
} from '../../schema/grouping.js';
import type { LawsContext } from './context.js';
import { type ParticipantType, type ParticipationStatus } from './instrument.entity.js';
import { findStateAreas } from './state-area.repository.js';
import { type TreatyParticipationAt, TreatyParticipationReport } from './treaty-history.entity.js';

enum TreatyParticipationGroupField {
  REGION = 'REGION',
  SUBREGION = 'SUBREGION',
  STATUS = 'STATUS',
  PARTICIPANT_TYPE = 'PARTICIPANT_TYPE',
}

registerEnumType(TreatyParticipationGroupField, {
  name: 'TreatyParticipationGroupField',
  description: 'What `treatyParticipation { groupBy }` counts the participants by.',
  valuesConfig: {
    REGION: {
      description:
        'M49 region of a State; key: its M49 code ("002"), every region listed. Organizations (the EU) count under NONE.',
    },
    SUBREGION: {
      description: 'M49 sub-region of a State ("202"). Organizations count under NONE.',
    },
    STATUS: { description: 'Status on the date asked; key: the ParticipationStatus value.' },
    PARTICIPANT_TYPE: { description: 'State, observer State or organization.' },
  },
});

const STATUSES = enumValues<ParticipationStatus>({
  PARTY: 'Party',
  SIGNED: 'Signatory (not yet a Party)',
  WITHDRAWN: 'Withdrawn',
});

const PARTICIPANT_TYPES = enumValues<ParticipantType>({
  STATE: 'Member State',
  OBSERVER_STATE: 'Observer State',
  ORGANIZATION: 'Organization',
});

/** Adds `groupBy` to `treatyParticipation`: the participants it lists, counted by one field. */
@Resolver(() => TreatyParticipationReport)
export class TreatyParticipationGroupsResolver {
  @FieldResolver(() => [Group], {
    description:
      'The participants this report lists (after `region` and `status`) counted by one field; the counts add up to the number listed. "How many UN Convention signatories per region": `treatyParticipation(instrument: "UNCC-2024", status: SIGNED) { groupBy(field: REGION) { key label count } }`.',
  })
  @listSize(GROUPS_LIST_SIZE)
  async groupBy(
    @Root() report: TreatyParticipationReport,
    @Ctx() ctx: LawsContext,
    @Arg('field', () => TreatyParticipationGroupField, {
      description: 'What to count the participants by.',
    })
    field: TreatyParticipationGroupField,
  ): Promise<Group[]> {
    const listed = groupScopeOf<readonly TreatyParticipationAt[]>(report);
    switch (field) {
      case TreatyParticipationGroupField.STATUS:
        return toGroups(
          countBy(listed, (p) => p.status),
          { closed: STATUSES, noneLabel: 'Unknown' },
        );
      case TreatyParticipationGroupField.PARTICIPANT_TYPE:
        return toGroups(
          countBy(listed, (p) => p.participantType),
          { closed: PARTICIPANT_TYPES, noneLabel: 'Unknown' },
        );
      default: {
        const areas = await findStateAreas(ctx.db);
        const byState = new Map(areas.map((a) => [a.iso3, a]));
        const region = field === TreatyParticipationGroupField.REGION;
        const names = new Map<string, string>();
        for (const a of areas) {
          names.set(a.regionM49, a.regionName ?? a.regionM49);
          names.set(a.subregionM49, a.subregionName ?? a.subregionM49);
        }
        const closed: GroupValue[] | undefined = region
          ? [...new Set(areas.map((a) => a.regionM49))]
              .map((m49) => ({ key: m49, label: names.get(m49) ?? m49 }))
              .sort((a, b) => a.label.localeCompare(b.label, 'en'))
          : undefined;
        const counts = countBy(listed, (p) => {
          const area = byState.get(p.participantCode);
          return area ? (region ? area.regionM49 : area.subregionM49) : null;
        });
        return toGroups(counts, {
          ...(closed ? { closed } : {}),
          labelOf: (m49) => names.get(m49),
          noneLabel: 'Not a State (organization)',
        });
      }
    }
  }
}
