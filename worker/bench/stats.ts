// Latency samples and throughput of one phase of the load benchmark.
export interface PhaseResult {
  name: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

export function summarise(name: string, samples: number[], seconds: number): PhaseResult {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    name,
    requests: samples.length,
    seconds,
    perSecond: samples.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export interface Burst {
  samples: number[];
  seconds: number;
}

// Runs `worker(device, i)` from `devices` concurrent loops until `count` calls are done or
// `maxSeconds` pass, timing each call in milliseconds. `first` numbers the calls across bursts.
export async function burst(
  devices: number,
  first: number,
  count: number,
  maxSeconds: number,
  worker: (device: number, i: number) => Promise<void>,
): Promise<Burst> {
  const samples: number[] = [];
  let next = first;
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  await Promise.all(
    Array.from({ length: devices }, async (_, device) => {
      while (next < first + count && performance.now() < deadline) {
        const i = next++;
        const t0 = performance.now();
        await worker(device, i);
        samples.push(performance.now() - t0);
      }
    }),
  );
  return { samples, seconds: (performance.now() - started) / 1000 };
}

export interface Workload {
  name: string;
  run: (device: number, i: number) => Promise<void>;
}

// Every workload runs in short bursts, taking turns round after round, so that a machine whose
// load changes during the run (shared CPUs) weighs on all of them alike; the figures of a
// workload are over all its bursts.
export async function interleave(
  workloads: Workload[],
  devices: number,
  rounds: number,
  perBurst: number,
  maxBurstSeconds: number,
): Promise<PhaseResult[]> {
  const totals = workloads.map(() => ({ samples: [] as number[], seconds: 0 }));
  for (let round = 0; round < rounds; round++) {
    for (const [k, workload] of workloads.entries()) {
      const done = totals[k] as { samples: number[]; seconds: number };
      const b = await burst(devices, done.samples.length, perBurst, maxBurstSeconds, workload.run);
      done.samples.push(...b.samples);
      done.seconds += b.seconds;
    }
  }
  return workloads.map((w, k) => summarise(w.name, (totals[k] as Burst).samples, (totals[k] as Burst).seconds));
}

export function formatPhase(r: PhaseResult): string {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  return `${r.name.padEnd(34)} ${String(r.requests).padStart(6)} req  ${r.perSecond.toFixed(0).padStart(6)} req/s  p50 ${ms(r.p50).padStart(9)}  p99 ${ms(r.p99).padStart(9)}  max ${ms(r.max).padStart(9)}`;
}
