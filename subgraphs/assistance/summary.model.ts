import type { GpcArea, GpcPillar } from '../../schema/gpc.js';
import type { TechnicalAssistanceActivity } from './activity.entity.js';
import {
  type ActivityType,
  DeliveryGrouping,
  PractitionerRole,
  TRAINING_TYPES,
} from './codes.model.js';
import type { RequestFlowRecord } from './request.repository.js';
import type { DeliveryRow } from './summary.entity.js';

export const DELIVERY_RULES =
  'Activities: published, starting in the period (undated ones only when no bound is given). Practitioners trained: participants of TRAINING and MENTORING activities. An activity counts in every group it belongs to (each beneficiary country, region or area), so groups may add up to more than the total. Requests: published, received in the period / reaching MET in the period; by the requesting State (COUNTRY, REGION) or each area asked for (AREA).';

interface Accumulator {
  activities: Set<string>;
  countries: Set<string>;
  total: number;
  female: number;
  male: number;
  other: number;
  roles: Map<string, number>;
  received: Set<string>;
  met: Set<string>;
}

const empty = (): Accumulator => ({
  activities: new Set(),
  countries: new Set(),
  total: 0,
  female: 0,
  male: 0,
  other: 0,
  roles: new Map(),
  received: new Set(),
  met: new Set(),
});

function activityKeys(
  a: TechnicalAssistanceActivity,
  groupBy: DeliveryGrouping,
  regionOf: ReadonlyMap<string, string>,
): string[] {
  switch (groupBy) {
    case DeliveryGrouping.COUNTRY:
      return a.beneficiaryIso3s;
    case DeliveryGrouping.REGION:
      return [...new Set(a.beneficiaryIso3s.map((iso3) => regionOf.get(iso3) ?? 'UNKNOWN'))];
    case DeliveryGrouping.PILLAR:
      return [a.gpcPillar];
    case DeliveryGrouping.AREA:
      return a.gpcAreas;
    default:
      return [a.type];
  }
}

function requestKeys(r: RequestFlowRecord, groupBy: DeliveryGrouping): string[] {
  switch (groupBy) {
    case DeliveryGrouping.COUNTRY:
      return [r.countryIso3];
    case DeliveryGrouping.REGION:
      return [r.regionM49];
    case DeliveryGrouping.AREA:
      return r.gpcAreas;
    default:
      return [];
  }
}

/** Requests carry a country and areas, but no pillar or activity type. */
const REQUEST_GROUPINGS: ReadonlySet<DeliveryGrouping> = new Set([
  DeliveryGrouping.COUNTRY,
  DeliveryGrouping.REGION,
  DeliveryGrouping.AREA,
]);

const inPeriod = (date: string | null, from?: string | null, to?: string | null) =>
  date !== null && (!from || date >= from) && (!to || date <= to);

/** Groups activities and request flows; pure, so it is tested without a database. */
export function summarizeDelivery(
  groupBy: DeliveryGrouping,
  activities: readonly TechnicalAssistanceActivity[],
  requests: readonly RequestFlowRecord[],
  regionOf: ReadonlyMap<string, string>,
  period: { from?: string | null; to?: string | null },
): DeliveryRow[] {
  const groups = new Map<string, Accumulator>();
  const group = (key: string) => {
    let acc = groups.get(key);
    if (!acc) {
      acc = empty();
      groups.set(key, acc);
    }
    return acc;
  };
  for (const a of activities) {
    for (const key of activityKeys(a, groupBy, regionOf)) {
      const acc = group(key);
      acc.activities.add(a.id);
      for (const iso3 of a.beneficiaryIso3s) {
        const inGroup =
          groupBy === DeliveryGrouping.COUNTRY
            ? iso3 === key
            : groupBy !== DeliveryGrouping.REGION || (regionOf.get(iso3) ?? 'UNKNOWN') === key;
        if (inGroup) {
          acc.countries.add(iso3);
        }
      }
      if (a.participants && TRAINING_TYPES.has(a.type)) {
        acc.total += a.participants.total;
        acc.female += a.participants.female;
        acc.male += a.participants.male;
        acc.other += a.participants.other;
        for (const { role, count } of a.participants.byRole) {
          acc.roles.set(role, (acc.roles.get(role) ?? 0) + count);
        }
      }
    }
  }
  for (const r of requests) {
    for (const key of requestKeys(r, groupBy)) {
      const acc = group(key);
      if (inPeriod(r.receivedOn, period.from, period.to)) {
        acc.received.add(r.id);
      }
      if (inPeriod(r.metOn, period.from, period.to)) {
        acc.met.add(r.id);
      }
    }
  }
  const countsRequests = REQUEST_GROUPINGS.has(groupBy);
  const roleOrder = Object.values(PractitionerRole) as string[];
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, acc]) => ({
      key,
      region: groupBy === DeliveryGrouping.REGION && key !== 'UNKNOWN' ? { m49: key } : null,
      country: groupBy === DeliveryGrouping.COUNTRY ? { iso3: key } : null,
      pillar: groupBy === DeliveryGrouping.PILLAR ? (key as GpcPillar) : null,
      area: groupBy === DeliveryGrouping.AREA ? (key as GpcArea) : null,
      activityType: groupBy === DeliveryGrouping.ACTIVITY_TYPE ? (key as ActivityType) : null,
      activities: acc.activities.size,
      practitionersTrained: {
        total: acc.total,
        female: acc.female,
        male: acc.male,
        other: acc.other,
        byRole: [...acc.roles.entries()]
          .sort(([a], [b]) => roleOrder.indexOf(a) - roleOrder.indexOf(b))
          .map(([role, count]) => ({ role: role as PractitionerRole, count })),
      },
      countriesReached: acc.countries.size,
      requestsReceived: countsRequests ? acc.received.size : null,
      requestsMet: countsRequests ? acc.met.size : null,
    }));
}
