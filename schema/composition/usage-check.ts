import { usageReport, type ClientUsage, type UsageStore } from '../../loaders/usage-store.js';
import type { BreakingChange } from './compose.js';

/** The usage window a check weighs breaking changes against. */
export interface UsageWindow {
  readonly store: UsageStore;
  readonly days: number;
  /** The end of the window; default now. */
  readonly now?: Date;
}

export interface UsageVerdict {
  readonly change: BreakingChange;
  /** Who used what the change touches in the window; empty: the change is safe. */
  readonly clients: readonly ClientUsage[];
}

/**
 * Which recorded coordinates a breaking change touches. A removed type: the type and all its
 * members. A removed or retyped field or enum value: that coordinate, with its arguments. A
 * removed argument: that argument; any other argument change (a new required one, a retyped
 * one): every use of the field, since a client that omits or passes it may break.
 */
export function touchedBy(change: BreakingChange): (coordinate: string) => boolean {
  const [type = '', field, argument] = change.path.split('.');
  if (field === undefined) {
    return (c) => c === type || c.startsWith(`${type}.`);
  }
  const member = `${type}.${field}`;
  if (argument !== undefined && /\bremoved\b/i.test(change.message)) {
    return (c) => c === `${member}(${argument}:)`;
  }
  return (c) => c === member || c.startsWith(`${member}(`);
}

/** Each breaking change with the clients that used what it touches within the window. */
export async function usageVerdicts(
  breaking: readonly BreakingChange[],
  window: UsageWindow,
): Promise<UsageVerdict[]> {
  return Promise.all(
    breaking.map(async (change) => ({
      change,
      clients: (await usageReport(window.store, touchedBy(change), window.days, window.now))
        .clients,
    })),
  );
}

/** `atlas-web 2.1.0 (Members#0a1b2c3d4e5f ×12, …)`: who would break, for a problem line. */
export function describeClients(clients: readonly ClientUsage[]): string {
  return clients
    .map((c) => {
      const who = c.clientVersion ? `${c.client} ${c.clientVersion}` : c.client;
      const ops = c.operations.slice(0, 5).map((o) => `${o.operation} ×${o.count}`);
      const more = c.operations.length > 5 ? `, ${c.operations.length - 5} more` : '';
      return `${who} (${ops.join(', ')}${more})`;
    })
    .join('; ');
}
