/** How a request was let through the reservoir, if it was. */
export type ReservoirOutcome = 'take' | 'borrow' | undefined;

/**
 * A rule's reservoir: how many requests a second are recorded before the
 * fixed rate applies. X-Ray's semantics: a centralized rule holds the quota
 * the service grants (SamplingTargets) until its TTL; without a live quota it
 * may "borrow" one request a second. A local rule (file, fallback) has its
 * ReservoirSize as a quota that never expires.
 */
export class RuleReservoir {
  private second = Number.NaN;
  private taken = 0;
  private borrowed = 0;

  private constructor(
    private quota: number | undefined,
    private quotaExpiresAt: number,
    private readonly canBorrow: boolean,
  ) {}

  /** A local rule's reservoir: `perSecond` requests each second, for good. */
  static fixed(perSecond: number): RuleReservoir {
    return new RuleReservoir(perSecond, Number.POSITIVE_INFINITY, false);
  }

  /** A centralized rule's reservoir, waiting for its first quota (borrowing when the rule has a reservoir). */
  static centralized(reservoirSize: number): RuleReservoir {
    return new RuleReservoir(undefined, 0, reservoirSize > 0);
  }

  /** @param now epoch seconds (fractional) */
  take(now: number): ReservoirOutcome {
    const second = Math.floor(now);
    if (second !== this.second) {
      this.second = second;
      this.taken = 0;
      this.borrowed = 0;
    }
    if (this.quota !== undefined && now <= this.quotaExpiresAt) {
      if (this.taken >= this.quota) return undefined;
      this.taken++;
      return 'take';
    }
    if (!this.canBorrow || this.borrowed >= 1) return undefined;
    this.borrowed++;
    return 'borrow';
  }

  /** Applies a SamplingTargets answer; a quota of 0 is a real answer (X-Ray's JS SDK ignores it). */
  loadQuota(quota: number | undefined, expiresAt: number | undefined): void {
    if (quota !== undefined) this.quota = quota;
    if (expiresAt !== undefined) this.quotaExpiresAt = expiresAt;
  }
}
