/**
 * A circuit breaker (one per subgraph in the gateway, one per Redis client). Closed: calls pass; `failureThreshold` consecutive failures open
 * it. Open: calls fail at once for `resetMs`. Then half-open: one probe call passes; its success
 * closes the circuit, its failure opens it again for another `resetMs`.
 */
export class CircuitBreaker {
  #failures = 0;
  #openedAt: number | undefined;
  #probing = false;

  constructor(
    private readonly options: { failureThreshold: number; resetMs: number },
    private readonly onChange: (open: boolean) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.#openedAt === undefined) {
      return 'closed';
    }
    return this.now() - this.#openedAt >= this.options.resetMs ? 'half-open' : 'open';
  }

  /** Whether a call may go out now; in half-open, only one probe at a time. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') {
      return true;
    }
    if (state === 'half-open' && !this.#probing) {
      this.#probing = true;
      return true;
    }
    return false;
  }

  success(): void {
    const wasOpen = this.#openedAt !== undefined;
    this.#failures = 0;
    this.#openedAt = undefined;
    this.#probing = false;
    if (wasOpen) {
      this.onChange(false);
    }
  }

  failure(): void {
    this.#failures += 1;
    const wasOpen = this.#openedAt !== undefined;
    if (this.#probing || this.#failures >= this.options.failureThreshold) {
      this.#openedAt = this.now();
      if (!wasOpen) {
        this.onChange(true);
      }
    }
    this.#probing = false;
  }
}
