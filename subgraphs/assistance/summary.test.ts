import { describe, expect, it } from 'vitest';
import { DeliveryGrouping } from './codes.model.js';
import { summarizeDelivery } from './summary.model.js';

describe('delivery summary', () => {
  it('counts an activity in each of its groups (pure aggregation)', () => {
    const rows = summarizeDelivery(
      DeliveryGrouping.AREA,
      [
        {
          id: 'a',
          type: 'TRAINING',
          gpcAreas: ['OCSEA', 'DIGITAL_EVIDENCE'],
          beneficiaryIso3s: ['KEN', 'UGA'],
          gpcPillar: 'CAPACITY_BUILDING',
          participants: { total: 10, female: 4, male: 6, other: 0, byRole: [] },
        } as never,
      ],
      [],
      new Map(),
      {},
    );
    expect(
      rows.map((r) => [r.key, r.activities, r.countriesReached, r.practitionersTrained.total]),
    ).toEqual([
      ['DIGITAL_EVIDENCE', 1, 2, 10],
      ['OCSEA', 1, 2, 10],
    ]);
  });

  it('counts requests received and met in the period, and none for PILLAR', () => {
    const requests = [
      {
        id: 'r1',
        countryIso3: 'KEN',
        regionM49: '002',
        gpcAreas: ['OCSEA'],
        receivedOn: '2022-05-01',
        metOn: '2023-02-01',
        synthetic: true,
      },
      {
        id: 'r2',
        countryIso3: 'KEN',
        regionM49: '002',
        gpcAreas: ['OCSEA'],
        receivedOn: '2023-03-01',
        metOn: null,
        synthetic: true,
      },
    ];
    const period = { from: '2023-01-01', to: '2023-12-31' };
    const [ken] = summarizeDelivery(DeliveryGrouping.COUNTRY, [], requests, new Map(), period);
    expect(ken).toMatchObject({ key: 'KEN', requestsReceived: 1, requestsMet: 1, activities: 0 });
    expect(summarizeDelivery(DeliveryGrouping.PILLAR, [], requests, new Map(), period)).toEqual([]);
  });
});
