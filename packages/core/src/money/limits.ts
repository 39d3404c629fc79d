/**
 * The largest amount, in minor units, that one operation accepts: 10^20 - 1
 * (`999999999999999999.99` USD, `99999999999999999999` JPY, `99.999999999999999999` in a
 * scale-18 asset).
 *
 * It is a ceiling on inputs (transfers, deposits, captures), not on balances, which may grow
 * past it by summing. It keeps every input within 20 significant digits, which fit exactly in
 * a PostgreSQL `NUMERIC`, a 128-bit integer and the engine's 80-digit decimal context with
 * plenty of headroom. Parsers reject anything above it with `VALIDATION_ERROR`.
 *
 * @example
 * ```ts
 * const amount = parseAmount('999999999999999999.99', defaultCurrencyRegistry.get('USD'));
 * amount === AMOUNT_MINOR_MAX; // true
 * ```
 */
export const AMOUNT_MINOR_MAX = 10n ** 20n - 1n;

/**
 * The longest decimal string (amount, factor, rate or ratio) any money parser reads, in
 * characters. It bounds the work one input can cause; a real amount within
 * {@link AMOUNT_MINOR_MAX} needs at most 40 characters.
 *
 * @example
 * ```ts
 * const tooLong = '1'.repeat(AMOUNT_STRING_LENGTH_MAX + 1);
 * // parseAmount(tooLong, usd) throws VALIDATION_ERROR
 * ```
 */
export const AMOUNT_STRING_LENGTH_MAX = 100;
