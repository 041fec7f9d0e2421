/**
 * How many heavy operations (estimated cost at or above a threshold) run at once. Each holds
 * its subgraph answers, the merged result and the serialised response in memory at the same
 * time: a burst of thirty 3 MB answers exhausted a 512 MiB heap in one measured run
 * (docs/operations.md). An operation past the limit waits in line, up to `waitMs`, for a slot.
 */
export class HeavyGate {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    readonly limit: number,
    readonly waitMs: number,
  ) {}

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** A slot: true at once or when one frees within `waitMs`; false when none did. */
  async acquire(): Promise<boolean> {
    if (this.#running < this.limit) {
      this.#running += 1;
      return true;
    }
    return new Promise<boolean>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#running += 1;
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#waiting.splice(this.#waiting.indexOf(wake), 1);
        resolve(false);
      }, this.waitMs);
      this.#waiting.push(wake);
    });
  }

  release(): void {
    this.#running -= 1;
    this.#waiting.shift()?.();
  }
}
