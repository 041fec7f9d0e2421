import { describe, expect, it } from 'vitest';
import { HeavyGate } from './heavy-gate.js';

describe('HeavyGate', () => {
  it('admits up to its limit, queues the next, and wakes it when a slot frees', async () => {
    const gate = new HeavyGate(2, 1000);
    expect(await gate.acquire()).toBe(true);
    expect(await gate.acquire()).toBe(true);
    const third = gate.acquire();
    expect(gate.waiting).toBe(1);
    gate.release();
    expect(await third).toBe(true);
    expect(gate.running).toBe(2);
    expect(gate.waiting).toBe(0);
  });

  it('gives up after waitMs, leaving the line and the count as they were', async () => {
    const gate = new HeavyGate(1, 20);
    expect(await gate.acquire()).toBe(true);
    expect(await gate.acquire()).toBe(false);
    expect(gate.waiting).toBe(0);
    expect(gate.running).toBe(1);
    gate.release();
    expect(gate.running).toBe(0);
    expect(await gate.acquire()).toBe(true);
  });
});
