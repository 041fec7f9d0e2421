/**
 * How far a record can be trusted, straight from its source data. Every subgraph that carries
 * sourced facts uses this one enum, so the composed graph has one definition.
 * Registered for the schema build in `schema/enum-registrations.ts`.
 */
export enum Confidence {
  VERIFIED = 'VERIFIED',
  TO_VERIFY = 'TO_VERIFY',
}

/** Seed files write `verified` / `to verify`. */
export function toConfidence(value: string | null | undefined): Confidence {
  return value === 'verified' ? Confidence.VERIFIED : Confidence.TO_VERIFY;
}

/** The column value `toConfidence` reads; TO_VERIFY when not given. */
export function fromConfidence(value: Confidence | null | undefined): 'verified' | 'to verify' {
  return value === Confidence.VERIFIED ? 'verified' : 'to verify';
}
