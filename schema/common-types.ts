import { registerEnumType } from 'type-graphql';

/**
 * How far a record can be trusted, straight from its source data. Every subgraph that carries
 * sourced facts uses this one enum, so the composed graph has one definition.
 */
export enum Confidence {
  VERIFIED = 'VERIFIED',
  TO_VERIFY = 'TO_VERIFY',
}

registerEnumType(Confidence, {
  name: 'Confidence',
  description: 'Whether a fact was checked against the public source it cites.',
  valuesConfig: {
    VERIFIED: { description: 'Checked against the public source named in `source`.' },
    TO_VERIFY: {
      description: 'From general knowledge or secondary material; check before relying on it.',
    },
  },
});

/** Seed files write `verified` / `to verify`. */
export function toConfidence(value: string | null | undefined): Confidence {
  return value === 'verified' ? Confidence.VERIFIED : Confidence.TO_VERIFY;
}

/** The column value `toConfidence` reads; TO_VERIFY when not given. */
export function fromConfidence(value: Confidence | null | undefined): 'verified' | 'to verify' {
  return value === Confidence.VERIFIED ? 'verified' : 'to verify';
}
