import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import type { TestSubgraph } from '../support/harness.js';
import { startLawsSubgraph } from '../support/laws.js';

// The laws subgraph's treaties: instruments, their status and who takes part in them.

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startLawsSubgraph({ cache: new MemoryCache({ maxEntries: 10_000 }) });
});
afterAll(() => subgraph?.close());

describe('laws: instruments and participation', () => {
  it('counts the UN Convention consents against the 40 needed, not counting the EU', async () => {
    const { data, errors } = await subgraph.query(`{
      uncc: instrument(code: "UNCC-2024") {
        shortTitle status { parties signatories consentsCounted consentsNeeded inForce }
      }
      budapest: instrument(code: "CETS-185") {
        status { parties signatories consentsCounted consentsNeeded inForce }
        offenceCategories { code }
      }
      protocol: instrument(code: "CETS-224") { parent { code } }
      instruments { code }
    }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      uncc: {
        shortTitle: 'UN Convention against Cybercrime (Hanoi Convention)',
        status: {
          parties: 0,
          signatories: 72,
          consentsCounted: 0,
          consentsNeeded: 40,
          inForce: false,
        },
      },
      budapest: {
        status: {
          // 78 in the pack, and Rwanda's accession (instrument_participation_updates.csv).
          parties: 79,
          signatories: 2,
          consentsCounted: 79,
          consentsNeeded: null,
          inForce: true,
        },
        offenceCategories: expect.arrayContaining([{ code: 'BC-2' }, { code: 'BC-13' }]),
      },
      protocol: { parent: { code: 'CETS-185' } },
      instruments: [
        { code: 'AU-2014-MALABO' },
        { code: 'CETS-185' },
        { code: 'CETS-189' },
        { code: 'CETS-224' },
        { code: 'UNCC-2024' },
        { code: 'UNTOC-2000' },
      ],
    });
  });

  it('lists participants as a Country or an Organization', async () => {
    const { data, errors } = await subgraph.query(`{
      instrument(code: "UNCC-2024") {
        participations {
          participantType
          participant { __typename ... on Country { iso3 } ... on Organization { id } }
        }
      }
    }`);
    expect(errors).toBeUndefined();
    const rows = (data?.['instrument'] as { participations: Record<string, any>[] }).participations;
    expect(rows.find((r) => r['participantType'] === 'ORGANIZATION')).toEqual({
      participantType: 'ORGANIZATION',
      participant: { __typename: 'Organization', id: 'eu' },
    });
    expect(rows.find((r) => r['participantType'] === 'OBSERVER_STATE')).toEqual({
      participantType: 'OBSERVER_STATE',
      participant: { __typename: 'Country', iso3: 'PSE' },
    });
  });

  it('answers a country’s treaty participation', async () => {
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Country { iso3 treatyParticipation { instrumentCode status signedOn consentType } }
      } }`,
      { r: [{ __typename: 'Country', iso3: 'ZAF' }] },
    );
    expect(errors).toBeUndefined();
    expect(data?.['_entities']).toEqual([
      {
        iso3: 'ZAF',
        treatyParticipation: [
          {
            instrumentCode: 'CETS-185',
            status: 'SIGNED',
            signedOn: '2001-11-23',
            consentType: null,
          },
          { instrumentCode: 'UNCC-2024', status: 'SIGNED', signedOn: null, consentType: null },
        ],
      },
    ]);
  });
});
