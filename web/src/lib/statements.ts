/**
 * Statement periods as a person picks them: a calendar month in their own time zone, as the
 * [from, to) instants GET /v1/wallets/{currency}/statement takes. Pure.
 */

export interface StatementPeriod {
  /** YYYY-MM, the value of the month picker. */
  month: string;
  label: string;
  from: string;
  to: string;
}

/** The month of `at`'s `offset` months ago (0: this month), in the local time zone. */
export function monthPeriod(at: Date, offset: number, locale?: string): StatementPeriod {
  const from = new Date(at.getFullYear(), at.getMonth() - offset, 1);
  const to = new Date(from.getFullYear(), from.getMonth() + 1, 1);
  return {
    month: `${from.getFullYear()}-${String(from.getMonth() + 1).padStart(2, '0')}`,
    label: new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' }).format(from),
    from: from.toISOString(),
    to: to.toISOString(),
  };
}

/** The path of a statement file: the wallet of `currency` over the period, as CSV or PDF. */
export function statementPath(
  currency: string,
  period: Pick<StatementPeriod, 'from' | 'to'>,
  format: 'csv' | 'pdf',
): string {
  const query = new URLSearchParams({ from: period.from, to: period.to, format });
  return `/v1/wallets/${encodeURIComponent(currency)}/statement?${query.toString()}`;
}
