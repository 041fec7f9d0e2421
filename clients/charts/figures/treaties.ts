import { barOption, labelOf, type FigureOption, type FigureOptions } from './common.js';
import {
  TREATY_ALIASES,
  TREATY_LABELS,
  type TreatyMovementsData,
  type TreatyParticipationData,
} from './types.js';

/** Every action dated in the period, with its instrument alias. */
export function treatyMovementList(data: TreatyMovementsData) {
  return TREATY_ALIASES.flatMap((alias) => data[alias].map((movement) => ({ alias, ...movement })));
}

/**
 * Treaty movements in the period: one bar per instrument, stacked by action (signature,
 * ratification, accession …). `null` when no action is dated in the period.
 */
export function treatyMovementsChart(
  data: TreatyMovementsData,
  options: FigureOptions = {},
): FigureOption {
  const all = treatyMovementList(data);
  if (all.length === 0) {
    return null;
  }
  const actions = [...new Set(all.map((m) => m.action))].sort();
  return barOption(
    TREATY_ALIASES.map((alias) => TREATY_LABELS[alias]),
    actions.map((action) => ({
      name: labelOf(action),
      stack: 'actions',
      values: TREATY_ALIASES.map((alias) => data[alias].filter((m) => m.action === action).length),
    })),
    options,
  );
}

/**
 * Parties and signatories of each instrument on a date, with the UN Convention's consents
 * counted towards the 40 it needs. `null` when no instrument has a participant.
 */
export function treatyParticipationChart(
  data: TreatyParticipationData,
  options: FigureOptions = {},
): FigureOption {
  if (TREATY_ALIASES.every((alias) => data[alias].parties + data[alias].signatories === 0)) {
    return null;
  }
  return barOption(
    TREATY_ALIASES.map((alias) => TREATY_LABELS[alias]),
    [
      { name: 'Parties', stack: 'status', values: TREATY_ALIASES.map((a) => data[a].parties) },
      {
        name: 'Signatories (not yet Parties)',
        stack: 'status',
        values: TREATY_ALIASES.map((a) => data[a].signatories),
      },
    ],
    options,
  );
}
