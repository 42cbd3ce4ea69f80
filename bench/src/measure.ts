// Median of a few timed runs after one warm-up: Argon2 and WebAssembly compile on first use, and
// the machine is shared, so a single run says little.
export async function medianMs(runs: number, task: () => Promise<unknown> | unknown): Promise<number> {
  await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export interface Row {
  task: string;
  implementation: string;
  params: string;
  ms: number;
  rate?: string;
  ratio?: string;
}

export function printTable(rows: Row[]): void {
  const header = ['task', 'implementation', 'params', 'median ms', 'rate', 'ratio'];
  const cells = rows.map((r) => [r.task, r.implementation, r.params, r.ms.toFixed(1), r.rate ?? '', r.ratio ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]): string =>
    `| ${c.map((x, i) => (i >= 3 ? x.padStart(widths[i] as number) : x.padEnd(widths[i] as number))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i >= 3 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
  for (const c of cells) console.log(line(c));
}

export function sameBytes(label: string, results: Uint8Array[]): void {
  const [first, ...rest] = results.map((r) => Buffer.from(r).toString('hex'));
  for (const other of rest) {
    if (other !== first) throw new Error(`${label}: implementations disagree (${first} vs ${other})`);
  }
}
