// Figures for the load run: nearest-rank percentiles (no interpolation, so every figure printed
// is a latency that was measured).
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function ms(value: number): string {
  return Number.isNaN(value) ? '-' : value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

export function latencyLine(name: string, values: readonly number[]): string {
  return `${name.padEnd(34)} n=${String(values.length).padStart(6)}  p50 ${ms(percentile(values, 50)).padStart(9)}  p99 ${ms(percentile(values, 99)).padStart(9)}  max ${ms(percentile(values, 100)).padStart(9)}`;
}
