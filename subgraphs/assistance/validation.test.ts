import { describe, expect, it } from 'vitest';
import { participantProblems } from './activity.validation.js';
import { foreignIdProblems } from './assistance.validation.js';
import { RequestStatus } from './codes.model.js';
import { transitionProblem } from './request.validation.js';

describe('assistance validation', () => {
  it('checks that female + male + other = total and roles do not exceed it', () => {
    const ok = { total: 10, female: 4, male: 5, other: 1, byRole: [{ role: 'JUDGE', count: 10 }] };
    expect(participantProblems('p', ok)).toEqual([]);
    expect(participantProblems('p', { ...ok, male: 4 }).map((p) => p.field)).toEqual(['p.total']);
    expect(
      participantProblems('p', {
        ...ok,
        byRole: [
          { role: 'JUDGE', count: 6 },
          { role: 'JUDGE', count: 5 },
        ],
      }).map((p) => p.field),
    ).toEqual(['p.byRole[1].role', 'p.byRole']);
    expect(participantProblems('p', { ...ok, total: -1, female: -1, male: 0, other: 0 })).toEqual(
      expect.arrayContaining([{ field: 'p.total', message: 'must be a whole number, 0 or more' }]),
    );
  });

  it('moves one step at a time, lets editors skip, and never goes back or past the end', () => {
    const { RECEIVED, ASSESSED, IN_DELIVERY, MET, DECLINED } = RequestStatus;
    expect(transitionProblem(RECEIVED, ASSESSED, false)).toBeUndefined();
    expect(transitionProblem(ASSESSED, IN_DELIVERY, false)).toBeUndefined();
    expect(transitionProblem(RECEIVED, MET, false)).toMatch(/ASSESSED, IN_DELIVERY comes first/);
    expect(transitionProblem(RECEIVED, MET, true)).toBeUndefined();
    expect(transitionProblem(IN_DELIVERY, DECLINED, false)).toBeUndefined();
    expect(transitionProblem(ASSESSED, RECEIVED, true)).toMatch(/back/);
    expect(transitionProblem(ASSESSED, ASSESSED, true)).toMatch(/back/);
    expect(transitionProblem(MET, DECLINED, true)).toMatch(/cannot change/);
    expect(transitionProblem(DECLINED, RECEIVED, true)).toMatch(/cannot change/);
  });

  it('accepts well-formed foreign ids and names the malformed ones', () => {
    expect(foreignIdProblems('ids', ['PHL-RA10175-2012-s4a1', 'AUS-CCA1995-P10.7'])).toEqual([]);
    expect(foreignIdProblems('ids', ['ok', 'not an id', ''])).toEqual([
      { field: 'ids[1]', message: '"not an id" is not a well-formed id' },
      { field: 'ids[2]', message: '"" is not a well-formed id' },
    ]);
  });
});
