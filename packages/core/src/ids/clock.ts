/** A source of the current time. Inject one to make tests and examples deterministic. */
export type Clock = () => Date;

/**
 * The system clock.
 *
 * @example
 * ```ts
 * const vault = createVault({ store, clock: systemClock });
 * ```
 */
export const systemClock: Clock = () => new Date();
