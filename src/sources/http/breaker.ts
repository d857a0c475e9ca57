/** Circuit state of one endpoint. */
export type BreakerState = 'closed' | 'open' | 'half_open';

/**
 * Per-endpoint circuit breaker. After `failures` consecutive failures it opens; after `cooldownMs` it lets
 * exactly one probe through (half-open); the probe's success closes it, its failure re-opens it.
 * Time comes from the injected `now` (the source's Clock), so tests drive it with a virtual clock.
 */
export class CircuitBreaker {
  private consecutive = 0;
  private openedAt = 0;
  private probing = false;
  state: BreakerState = 'closed';

  constructor(
    private readonly failures: number,
    private readonly cooldownMs: number,
    private readonly now: () => number,
  ) {}

  /** Whether a call may go out now. In half-open only the first caller gets through. */
  allow(): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'open' && this.now() - this.openedAt >= this.cooldownMs) {
      this.state = 'half_open';
      this.probing = false;
    }
    if (this.state === 'half_open' && !this.probing) {
      this.probing = true;
      return true;
    }
    return false;
  }

  /** Clock time at which a probe will be allowed. */
  retryAt(): number {
    return this.openedAt + this.cooldownMs;
  }

  success(): void {
    this.consecutive = 0;
    this.probing = false;
    this.state = 'closed';
  }

  failure(): void {
    this.consecutive++;
    if (this.state === 'half_open' || this.consecutive >= this.failures) {
      this.state = 'open';
      this.openedAt = this.now();
      this.probing = false;
    }
  }
}
