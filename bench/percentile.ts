/** The value at `fraction` (0.5 = median, 0.99 = p99) of `values`, nearest rank; `whenEmpty` for none. */
export function percentile(values: readonly number[], fraction: number, whenEmpty = Number.NaN): number {
  if (values.length === 0) return whenEmpty;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}
