/**
 * Deterministic generation of illustrative data. Every subgraph's synthetic seed uses this one
 * generator, so the same seed gives the same rows on every machine and database. Rows made with
 * it must be flagged `synthetic: true`.
 */

/** mulberry32: a small, well-known 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
