import { describe, expect, it } from 'vitest';
import { participantProblems } from './activity.validation.js';
import { foreignIdProblems } from './assistance.validation.js';
import { RequestStatus } from './codes.model.js';
import { transitionProblem } from './request.validation.js';

describe('assistance validation', () => {
  it('checks that female + male + other = total and roles do not exceed it', () => {
    const ok = { total: 10, female: 4, male: 5, other: 1, byRole: [{ role: 'JUDGE', count: 10 }] };
    expect(participantProblems('p', ok)).toEqual([]);
    expect(participantProblems('p', { ...ok, male: 4 })).toMatchInlineSnapshot(`
      [
        {
          "field": "p.total",
          "message": "female + male + other (9) must equal total (10)",
        },
      ]
    `);
    expect(
      participantProblems('p', {
        ...ok,
        byRole: [
          { role: 'JUDGE', count: 6 },
          { role: 'JUDGE', count: 5 },
        ],
      }),
    ).toMatchInlineSnapshot(`
      [
        {
          "field": "p.byRole[1].role",
          "message": "JUDGE is listed twice",
        },
        {
          "field": "p.byRole",
          "message": "the roles add up to 11, more than total (10)",
        },
      ]
    `);
    expect(participantProblems('p', { ...ok, total: -1, female: -1, male: 0, other: 0 }))
      .toMatchInlineSnapshot(`
      [
        {
          "field": "p.total",
          "message": "must be a whole number, 0 or more",
        },
        {
          "field": "p.female",
          "message": "must be a whole number, 0 or more",
        },
        {
          "field": "p.byRole",
          "message": "the roles add up to 10, more than total (-1)",
        },
      ]
    `);
  });

  it('moves one step at a time, lets editors skip, and never goes back or past the end', () => {
    const { RECEIVED, ASSESSED, IN_DELIVERY, MET, DECLINED } = RequestStatus;
    expect(transitionProblem(RECEIVED, ASSESSED, false)).toBeUndefined();
    expect(transitionProblem(ASSESSED, IN_DELIVERY, false)).toBeUndefined();
    expect(transitionProblem(RECEIVED, MET, true)).toBeUndefined();
    expect(transitionProblem(IN_DELIVERY, DECLINED, false)).toBeUndefined();
    expect({
      'RECEIVED → MET': transitionProblem(RECEIVED, MET, false),
      'ASSESSED → RECEIVED (editor)': transitionProblem(ASSESSED, RECEIVED, true),
      'ASSESSED → ASSESSED (editor)': transitionProblem(ASSESSED, ASSESSED, true),
      'MET → DECLINED (editor)': transitionProblem(MET, DECLINED, true),
      'DECLINED → RECEIVED (editor)': transitionProblem(DECLINED, RECEIVED, true),
    }).toMatchInlineSnapshot(`
      {
        "ASSESSED → ASSESSED (editor)": "cannot go from ASSESSED back to ASSESSED",
        "ASSESSED → RECEIVED (editor)": "cannot go from ASSESSED back to RECEIVED",
        "DECLINED → RECEIVED (editor)": "the request is DECLINED; it cannot change any more",
        "MET → DECLINED (editor)": "the request is MET; it cannot change any more",
        "RECEIVED → MET": "cannot go from RECEIVED straight to MET: ASSESSED, IN_DELIVERY comes first (only editors may skip a state)",
      }
    `);
  });

  it('accepts well-formed foreign ids and names the malformed ones', () => {
    expect(foreignIdProblems('ids', ['PHL-RA10175-2012-s4a1', 'AUS-CCA1995-P10.7'])).toEqual([]);
    expect(foreignIdProblems('ids', ['ok', 'not an id', ''])).toEqual([
      { field: 'ids[1]', message: '"not an id" is not a well-formed id' },
      { field: 'ids[2]', message: '"" is not a well-formed id' },
    ]);
  });
});
