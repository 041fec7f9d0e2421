import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../support/harness.js';
import { startBuiltStack, type ChildService } from '../support/processes.js';

// One query across five subgraphs: a State's request (assistance) → the needs assessment and its
// findings (member-states) → the activities that answered it (assistance) → their implementers
// (partners) and funders (funding) → the legislation they supported (laws).
export const WALK_QUERY = `{
  country(iso3: "LKA") {
    name
    assistanceRequests(includeSynthetic: true, first: 2) {
      totalCount
      edges { node {
        id status receivedOn
        statusHistory { status on }
        needsAssessment {
          id confidentiality completedOn
          findings { area gap severity }
          activities(includeSynthetic: true) { id }
        }
        activities(includeSynthetic: true) {
          id type startDate gpcAreas synthetic
          participants { total female male }
          implementers { id name }
          project { id title participatingOrgs { role organization { id name } } }
          legislationSupported { id title country { iso3 } }
        }
      } }
    }
  }
}`;

describe('assistance through the gateway', () => {
  let stack: ChildService;
  let url: string;

  beforeAll(async () => {
    stack = await startBuiltStack();
    url = stack.found;
  });
  afterAll(async () => {
    expect(await stack?.stop()).toBe(0);
  });

  it('follows Sri Lanka from its request to the findings, the activities, their implementers and funders, and the law supported', async () => {
    const { data, errors } = await postGraphQL(url, WALK_QUERY);
    expect(errors).toBeUndefined();
    const country = data?.['country'];
    expect(country.name).toBe('Sri Lanka');
    expect(country.assistanceRequests.totalCount).toBe(1);
    const request = country.assistanceRequests.edges[0].node;
    expect(request).toMatchObject({
      id: 'req-syn-lka-2021',
      status: 'MET',
      receivedOn: '2021-01-15',
      needsAssessment: {
        id: 'na-synthetic-035',
        confidentiality: 'PUBLIC',
        completedOn: '2021-10-01',
        activities: [
          { id: 'act-syn-lka-investigations-2022' },
          { id: 'act-syn-lka-virtual-assets-2022' },
        ],
      },
    });
    expect(request.statusHistory.map((s: any) => s.status)).toEqual([
      'RECEIVED',
      'ASSESSED',
      'IN_DELIVERY',
      'MET',
    ]);
    expect(
      request.needsAssessment.findings
        .filter((f: any) => f.severity === 'HIGH')
        .map((f: any) => f.area)
        .sort(),
    ).toEqual(['CYBER_INVESTIGATIONS', 'VIRTUAL_ASSETS']);
    const [investigations, virtualAssets] = request.activities;
    expect(investigations).toMatchObject({
      id: 'act-syn-lka-investigations-2022',
      type: 'TRAINING',
      startDate: '2022-03-14',
      synthetic: true,
      participants: { total: 24, female: 9, male: 15 },
      // Synthetic activities name fictional implementers only, never a real organisation.
      implementers: [{ id: 'syn-agency', name: 'Example Implementing Agency (fictional)' }],
      // Synthetic activities hang off the fictional programme, never the Global Programme.
      project: {
        id: 'syn-programme',
        title: 'Example Cybercrime Programme, fictional (synthetic)',
      },
      legislationSupported: [
        {
          id: 'LKA-CCA24-2007',
          title: 'Computer Crime Act, No. 24 of 2007',
          country: { iso3: 'LKA' },
        },
      ],
    });
    const funders = investigations.project.participatingOrgs
      .filter((p: any) => p.role === 'FUNDING')
      .map((p: any) => p.organization.name)
      .sort();
    expect(funders).toEqual([
      'Austral Development Fund (fictional donor)',
      'Borealis Development Fund (fictional donor)',
      'Dunmore Development Fund (fictional donor)',
      'Eastwind Development Fund (fictional donor)',
      'Fjordland Development Fund (fictional donor)',
      'Harbor Development Fund (fictional donor)',
    ]);
    expect(virtualAssets.implementers.map((o: any) => o.name)).toEqual([
      'Example Implementing Agency (fictional)',
      'Example Police Cooperation Network (fictional)',
    ]);
  });

  it('plans gaps(region) across member-states and assistance, and resolves overlaps’ implementers', async () => {
    const { data, errors } = await postGraphQL(
      url,
      `{
        gaps(includeSynthetic: true, region: "002") { area { name } gaps { country { name } area lastActivityStart } }
        overlaps(includeSynthetic: true, country: "KEN", from: "2023-01-01", to: "2023-12-31") {
          first { implementers { name } } second { implementers { name } } sharedAreas overlapDays
        }
        supported: provision(id: "PHL-RA10175-2012-s14") { label supportedBy(includeSynthetic: true) { id implementers { name } } }
      }`,
    );
    expect(errors).toBeUndefined();
    expect(data?.['gaps'].gaps).toEqual([
      { country: { name: 'Benin' }, area: 'DIGITAL_FORENSICS', lastActivityStart: '2019-02-04' },
      { country: { name: 'Algeria' }, area: 'DIGITAL_EVIDENCE', lastActivityStart: null },
    ]);
    expect(data?.['overlaps'][0]).toEqual({
      first: { implementers: [{ name: 'Example Implementing Agency (fictional)' }] },
      second: { implementers: [{ name: 'Example Police Cooperation Network (fictional)' }] },
      sharedAreas: ['DIGITAL_FORENSICS'],
      overlapDays: 5,
    });
    expect(data?.['supported'].supportedBy[0].id).toBe('act-syn-phl-legislative-2020');
  });
});
