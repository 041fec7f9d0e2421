import type { DatabaseTarget } from '../../loaders/database.js';

/**
 * Which real services this run uses. Locally a test leg whose service is not configured runs on
 * the embedded default or is reported as not run; under CI=true a missing service fails the run.
 */
export const inCI = process.env['CI'] === 'true';

function required(name: 'DATABASE_URL' | 'REDIS_URL'): string | undefined {
  const value = process.env[name];
  if (!value && inCI) {
    throw new Error(
      `${name} is not set, and CI=true: CI must test against the real service (.ci/run exports it).`,
    );
  }
  return value || undefined;
}

export const databaseUrl = required('DATABASE_URL');
export const redisUrl = required('REDIS_URL');

/** Every database implementation available to this run: embedded always, PostgreSQL when set. */
export function databaseTargets(): { name: string; target: DatabaseTarget }[] {
  return [
    { name: 'pglite', target: { kind: 'pglite-memory' } },
    ...(databaseUrl
      ? [{ name: 'postgres', target: { kind: 'postgres', url: databaseUrl } as const }]
      : []),
  ];
}

/** The database integration tests run on: PostgreSQL when configured, else embedded. */
export function primaryDatabaseTarget(): DatabaseTarget {
  return databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'pglite-memory' };
}

/** A TCP port with nothing listening: Redis "down". */
export const CLOSED_REDIS_URL = 'redis://127.0.0.1:1';
