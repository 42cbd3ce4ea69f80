// Bounded sync load run (issue 5): `node tests/load/sync-load.ts` from the repository root (the
// Node 24 of the brief's PATH). Starts the real worker with wrangler dev on 127.0.0.1:8797 with
// fresh state, makes one account, signs ~20 simulated devices in to it, lets them edit, push and
// pull at random for about a minute (loopback only), then stops the edits and syncs until every
// device holds the same vault. It checks that every device's vault is byte for byte the server's,
// and that every field holds the value of its latest-stamped write (so no write was lost), that
// no record exists twice, prints the figures, and stops the server. Halfway through the edits the
// worker is killed outright and started again on the same state (LOAD_RESTART=0 skips it): the
// devices' requests fail meanwhile and are retried, as the app's are. LOAD_DEVICES (2-40) and
// LOAD_SECONDS (5-180) change the size.
import { cpus, loadavg } from 'node:os';
import { toBase64url } from '@tessera/core/crypto/bytes';
import { createSalt, DEFAULT_KDF, deriveMasterKey } from '@tessera/core/crypto/kdf';
import { splitMasterKey } from '@tessera/core/crypto/keys';
import { createVaultKey, unwrapVaultKey, wrapVaultKey } from '@tessera/core/crypto/vault-key';
import { fromBase64url } from '@tessera/core/crypto/bytes';
import { randomId } from '@tessera/core/crypto/random';
import { canonicalJson, type JsonValue } from '@tessera/core/vault/canonical';
import { compareStamps } from '@tessera/core/vault/hlc';
import { decodeRecord } from '@tessera/core/vault/codec';
import { Device, type Counters, type Shared, type Write } from './device.ts';
// The same isolated wrangler dev (bundled once, fresh state, loopback) as the worker benchmark.
import { startDevServer } from '../../worker/bench/server.ts';
import { latencyLine, ms, percentile } from './stats.ts';

const PORT = 8797;
const bounded = (name: string, fallback: number, min: number, max: number) => {
  const value = Number(process.env[name] ?? fallback);
  return Number.isInteger(value) ? Math.min(max, Math.max(min, value)) : fallback;
};
const DEVICES = bounded('LOAD_DEVICES', 20, 2, 40);
const SECONDS = bounded('LOAD_SECONDS', 60, 5, 180);
const CONVERGE_LIMIT_MS = 90_000;
const RUN_LIMIT_MS = (SECONDS + 240) * 1000;

// A seeded generator (mulberry32) per device: a run can be repeated with LOAD_SEED.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SEED = bounded('LOAD_SEED', Date.now() % 1_000_000, 0, 2 ** 31);
const RESTART = process.env.LOAD_RESTART !== '0';

const sleep = (msValue: number) => new Promise((r) => setTimeout(r, msValue));

const server = await startDevServer(PORT);
const watchdog = setTimeout(() => {
  console.error(`sync-load: stopped after ${RUN_LIMIT_MS / 1000} s`);
  void server.stop().then(() => process.exit(2));
}, RUN_LIMIT_MS);
process.on('SIGINT', () => void server.stop().then(() => process.exit(130)));

const API = `${server.origin}/api/v1`;
async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${API}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

type SignedIn = { kind: 'session'; session: { token: string }; vault: { vaultId: string; wrappedVaultKey: string } };

let exitCode = 0;
try {
  // ---- one account, the real key hierarchy ----
  const email = `load-${randomId().toLowerCase()}@example.org`;
  const password = 'load test password: amber harbour 7';
  const salt = createSalt();
  const masterKey = await deriveMasterKey(password, salt, DEFAULT_KDF);
  const { kek, authKey } = splitMasterKey(masterKey);
  const vaultId = randomId();
  const wrappedVaultKey = wrapVaultKey(kek, createVaultKey());
  await post('/auth/register/start', { email });
  const outbox = (await (await fetch(`${API}/dev/outbox?to=${encodeURIComponent(email)}`)).json()) as {
    messages: { text: string }[];
  };
  const code = /\b(\d{6})\b/.exec(outbox.messages.at(-1)?.text ?? '')?.[1];
  if (!code) throw new Error('no code in the dev outbox');
  const answers: SignedIn[] = [
    await post<SignedIn>('/auth/register/finish', {
      email,
      code,
      deviceName: 'Load device 0',
      vaultId,
      salt: toBase64url(salt),
      kdf: DEFAULT_KDF,
      authKey: toBase64url(authKey),
      wrappedVaultKey: toBase64url(wrappedVaultKey),
    }),
  ];
  for (let i = 1; i <= DEVICES; i++)
    answers.push(
      await post<SignedIn>('/auth/signin', { email, authKey: toBase64url(authKey), deviceName: `Load device ${i}` }),
    );

  const newCounters = (): Counters => ({
    edits: 0,
    creates: 0,
    pushes: 0,
    pulls: 0,
    conflicts: 0,
    merges: 0,
    rebases: 0,
    takes: 0,
    pushLatency: [],
    pullLatency: [],
    visibleAfter: [],
    errors: [],
  });
  const counters = newCounters();
  const writes: Write[] = [];
  const shared: Shared = { origin: server.origin, vaultId, counters, writes, appliedAt: new Map() };
  // Each device opens the vault key the way a signed-in app does: from the wrapped key it got.
  const keyOf = (answer: SignedIn) => unwrapVaultKey(kek, fromBase64url(answer.vault.wrappedVaultKey));
  const devices = answers
    .slice(0, DEVICES)
    .map((answer, i) => new Device(`d${i}`, answer.session.token, keyOf(answer), shared));
  // A device that joins only at the end and pulls everything: what the server holds.
  const last = answers[DEVICES]!;
  const auditor = new Device('auditor', last.session.token, keyOf(last), {
    ...shared,
    counters: newCounters(),
    writes: [],
  });
  for (const device of devices) device.connect();
  await sleep(500);

  // ---- load: random edits, pushes, pulls on every device at once ----
  console.log(
    `sync-load: ${DEVICES} devices, ${SECONDS} s, seed ${SEED}, ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}`,
  );
  const started = Date.now();
  const deadline = started + SECONDS * 1000;
  // The restart, halfway: requests that fail while the worker is down (from the kill until it
  // answers again, plus a second for answers in flight) are the fault under test and are retried;
  // any other error fails the run.
  const outage = { from: Number.POSITIVE_INFINITY, to: Number.POSITIVE_INFINITY, took: 0, failed: 0 };
  const restarting = RESTART
    ? sleep((SECONDS * 1000) / 2).then(async () => {
        outage.from = Date.now();
        await server.restart();
        outage.to = Date.now() + 1_000;
        outage.took = Date.now() - outage.from;
      })
    : Promise.resolve();
  const failed = (device: Device, error: unknown) => {
    const now = Date.now();
    if (now >= outage.from && now <= outage.to) outage.failed++;
    else counters.errors.push(`${device.name}: ${error instanceof Error ? error.message : String(error)}`);
  };
  await Promise.all(
    devices.map(async (device, i) => {
      const random = mulberry32(SEED + i);
      while (Date.now() < deadline) {
        await sleep(100 + random() * 500);
        try {
          const edits = 1 + Math.floor(random() * 3);
          for (let e = 0; e < edits; e++) device.edit(random);
          await device.push();
          if (device.poked || random() < 0.2) await device.pull();
        } catch (error) {
          failed(device, error);
          await sleep(1_000);
        }
      }
    }),
  );
  await restarting;
  const stoppedAt = Date.now();

  // ---- convergence: sync everyone until nothing moves and all hold the same vault ----
  let convergedAt: number | null = null;
  let rounds = 0;
  while (Date.now() - stoppedAt < CONVERGE_LIMIT_MS) {
    rounds++;
    const wrote = await Promise.all(
      devices.map(async (device) => {
        await device.pull();
        return device.push();
      }),
    );
    if (wrote.some(Boolean) || devices.some((d) => d.dirtyCount() > 0)) continue;
    await Promise.all(devices.map((device) => device.pull()));
    const first = JSON.stringify([...devices[0]!.snapshot()].sort());
    if (devices.every((d) => JSON.stringify([...d.snapshot()].sort()) === first && d.cursor === devices[0]!.cursor)) {
      convergedAt = Date.now();
      break;
    }
  }
  for (const device of devices) device.disconnect();
  if (convergedAt === null) throw new Error(`the devices did not converge within ${CONVERGE_LIMIT_MS / 1000} s`);

  // ---- checks ----
  await auditor.pull();
  const vault = devices[0]!.snapshot();
  const serverSide = auditor.snapshot();
  const problems: string[] = [];
  if (JSON.stringify([...serverSide].sort()) !== JSON.stringify([...vault].sort()))
    problems.push('the server holds a different vault from the devices');

  // Every field of every record holds its latest-stamped write; a hotp counter its highest.
  const expected = new Map<string, Write>();
  for (const write of writes) {
    const key = `${write.id} ${write.field}`;
    const seen = expected.get(key);
    const newer =
      write.field === 'counter'
        ? !seen || Number(write.value) > Number(seen.value)
        : !seen || compareStamps(write.stamp, seen.stamp) > 0;
    if (newer) expected.set(key, write);
  }
  let checked = 0;
  for (const write of expected.values()) {
    const encoded = vault.get(write.id);
    if (!encoded) {
      problems.push(`record ${write.id} is missing`);
      continue;
    }
    const record = decodeRecord(fromBase64url(encoded));
    const actual =
      write.field === 'counter'
        ? String(record.otp.counter)
        : canonicalJson(record[write.field as 'title'].value as JsonValue);
    if (actual !== write.value)
      problems.push(`${write.id} ${write.field}: ${actual} instead of the latest write ${write.value}`);
    checked++;
  }
  const records = [...vault.values()].map((encoded) => decodeRecord(fromBase64url(encoded)));
  // Lost: a record created on a device that the server does not hold, or a field whose latest
  // write is not what it holds. Doubled: an id the server lists twice, or more records than were
  // created (a retried create that made a second record).
  const lost = problems.filter((p) => p.endsWith('is missing') || p.includes('instead of the latest write')).length;
  const ids = await auditor.allIds();
  const doubled = ids.length - new Set(ids).size + Math.max(0, records.length - counters.creates);
  if (records.length !== counters.creates)
    problems.push(`${records.length} records on the server for ${counters.creates} created`);
  if (doubled > 0) problems.push(`${doubled} records doubled`);

  // ---- figures ----
  const runSeconds = (stoppedAt - started) / 1000;
  const ops = counters.edits + counters.creates;
  console.log('');
  console.log(
    `writes                              ${ops} (${counters.creates} creates, ${counters.edits} edits: ${(ops / runSeconds).toFixed(1)}/s), ${writes.length} field writes`,
  );
  console.log(
    `requests                            ${counters.pushes} pushes, ${counters.pulls} pulls in ${runSeconds.toFixed(1)} s (${((counters.pushes + counters.pulls) / runSeconds).toFixed(1)}/s)`,
  );
  console.log(
    `conflicts                           ${counters.conflicts} pushed changes refused as stale; ${counters.merges} merged, ${counters.rebases} rebased, ${counters.takes} taken from the server`,
  );
  console.log(latencyLine('push (POST /vault/changes)', counters.pushLatency));
  console.log(latencyLine('pull page (GET /vault/changes)', counters.pullLatency));
  console.log(latencyLine('visible on another device', counters.visibleAfter));
  console.log(`convergence after the edits stop   ${ms(convergedAt - stoppedAt)} (${rounds} sync rounds)`);
  console.log(
    `final vault                         ${records.length} records (${records.filter((r) => r.deleted.value).length} in recently deleted), server seq ${devices[0]!.cursor}, identical on ${devices.length} devices and the server`,
  );
  console.log(`fields checked against their writes ${checked} (every one holds its latest-stamped write)`);
  console.log(
    RESTART
      ? `worker restart (killed, then up)    after ${ms(outage.from - started)}, down ${ms(outage.took)}; ${outage.failed} requests failed meanwhile and were retried; ${devices.reduce((n, d) => n + d.reconnects, 0)} socket reopen attempts`
      : 'worker restart                      skipped (LOAD_RESTART=0)',
  );
  console.log(`lost                                ${lost}`);
  console.log(`doubled                             ${doubled}`);
  console.log(`errors                              ${counters.errors.length}`);
  for (const error of counters.errors.slice(0, 5)) console.log(`  ${error}`);
  console.log(
    `load average at the end             ${loadavg()[0]!.toFixed(1)}  (p50 visible ${ms(percentile(counters.visibleAfter, 50))})`,
  );
  if (problems.length > 0 || counters.errors.length > 0) {
    console.error(`\nFAILED: ${problems.length} problems`);
    for (const problem of problems.slice(0, 20)) console.error(`  ${problem}`);
    exitCode = 1;
  } else {
    console.log('\nOK: every device holds the same vault as the server, and no write was lost.');
  }
} catch (error) {
  console.error(`sync-load failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await server.stop();
}
process.exit(exitCode);
