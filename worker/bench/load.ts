// Bounded load benchmark of the sync server (issue 3): `pnpm bench:load` from the repository root.
// Starts the real worker in `wrangler dev` on 127.0.0.1:8791 with fresh state, drives it over
// loopback only with ~8 simulated devices, prints the figures, and stops the server. Every phase
// is bounded in requests and seconds, and the whole run in time.
import { cpus, loadavg } from 'node:os';
import { toBase64url } from '@tessera/core/crypto/bytes';
import { sealItem } from '@tessera/core/crypto/item';
import { randomBytes, randomId } from '@tessera/core/crypto/random';
import { createVaultKey } from '@tessera/core/crypto/vault-key';
import { encodeRecord } from '@tessera/core/vault/codec';
import { createRecord } from '@tessera/core/vault/edit';
import { HybridClock } from '@tessera/core/vault/hlc';
import { startDevServer } from './server.ts';
import { burst, formatPhase, interleave, type PhaseResult, summarise } from './stats.ts';

const PORT = 8791;
const DEVICES = 8;
const RUN_LIMIT_MS = 10 * 60 * 1000;
const VAULT_ITEMS = 10_000;

const server = await startDevServer(PORT);
const watchdog = setTimeout(() => {
  console.error(`load: stopped after ${RUN_LIMIT_MS / 1000} s`);
  void server.stop().then(() => process.exit(2));
}, RUN_LIMIT_MS);
process.on('SIGINT', () => {
  void server.stop().then(() => process.exit(130));
});

const API = `${server.origin}/api/v1`;

async function request(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(`${API}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return { status: res.status, text: await res.text() };
}

async function expectOk<T>(method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<T> {
  const { status, text } = await request(method, path, opts);
  if (status >= 300) throw new Error(`${method} ${path}: ${status} ${text}`);
  return (text === '' ? null : JSON.parse(text)) as T;
}

interface Account {
  email: string;
  authKey: string;
  vaultId: string;
  vaultKey: Uint8Array;
  tokens: string[];
}

async function createAccount(devices: number): Promise<Account> {
  const email = `load-${randomId().toLowerCase()}@example.org`;
  await expectOk('POST', '/auth/register/start', { body: { email } });
  const outbox = await expectOk<{ messages: { text: string }[] }>('GET', `/dev/outbox?to=${encodeURIComponent(email)}`);
  const code = /\b(\d{6})\b/.exec(outbox.messages.at(-1)?.text ?? '')?.[1];
  if (code === undefined) throw new Error('no registration code in the dev outbox');
  const authKey = toBase64url(randomBytes(32));
  const vaultId = randomId();
  const wrapped = randomBytes(73);
  wrapped[0] = 1;
  const first = await expectOk<{ session: { token: string } }>('POST', '/auth/register/finish', {
    body: {
      email,
      code,
      deviceName: 'Device 0',
      vaultId,
      salt: toBase64url(randomBytes(16)),
      kdf: { algorithm: 'argon2id', memoryKiB: 65_536, iterations: 3, parallelism: 4 },
      authKey,
      wrappedVaultKey: toBase64url(wrapped),
    },
  });
  const tokens = [first.session.token];
  for (let i = 1; i < devices; i++) {
    const signedIn = await expectOk<{ session: { token: string } }>('POST', '/auth/signin', {
      body: { email, authKey, deviceName: `Device ${i}` },
    });
    tokens.push(signedIn.session.token);
  }
  return { email, authKey, vaultId, vaultKey: createVaultKey(), tokens };
}

// A realistic item: a login with an OTP, encoded and sealed exactly as the app does.
const clock = new HybridClock('load-bench');
function sealedItem(account: Account, id: string, n: number): string {
  const record = createRecord(
    {
      title: `Service ${n}`,
      url: `https://service-${n}.example`,
      username: `user${n}@example.org`,
      password: toBase64url(randomBytes(15)),
      otp: {
        type: 'totp',
        secret: randomBytes(20),
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        issuer: `Service ${n}`,
        account: `user${n}`,
      },
    },
    clock,
    id,
  );
  return toBase64url(sealItem(account.vaultKey, account.vaultId, id, encodeRecord(record)));
}

// Sealed before any timing starts, so the benchmark's own encryption does not compete with the
// server for the CPU while it is measured.
function sealMany(account: Account, count: number): { id: string; envelope: string }[] {
  return Array.from({ length: count }, (_, n) => {
    const id = randomId();
    return { id, envelope: sealedItem(account, id, n) };
  });
}

const say = (line: string) => console.log(line);

try {
  say(
    `Tessera sync server load benchmark: wrangler dev (workerd) on 127.0.0.1:${PORT}, ${DEVICES} concurrent devices, loopback only`,
  );
  say(
    'throughput: 5 workloads taking turns in bursts of 200 requests, 10 rounds each; items are real sealed records (~1.3 KB envelopes)',
  );
  say(
    `worker bundle: ${(server.bundleBytes / 1024).toFixed(0)} KiB; load average at start ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} on ${cpus().length} CPUs`,
  );
  const account = await createAccount(DEVICES);
  const token = (device: number) => account.tokens[device % DEVICES] as string;

  const ROUNDS = 10;
  const PER_BURST = 200;
  const fresh = sealMany(account, ROUNDS * PER_BURST);
  const edits = sealMany(account, ROUNDS * PER_BURST).map((e) => e.envelope);

  // Warm-up: the first requests compile the worker, open the account's object and the client's
  // connection pool.
  await burst(DEVICES, 0, 400, 20, async (d, i) => {
    await expectOk('GET', i % 2 === 0 ? '/health' : '/vault/changes?since=0&limit=1', { token: token(d) });
  });
  // Items for the edit and pull workloads to start from.
  const current = new Map<string, number>();
  let latest = 0;
  for (let batch = 0; batch < 4; batch++) {
    const changes = sealMany(account, 100).map(({ id, envelope }) => ({ id, baseSeq: 0, envelope }));
    const body = await expectOk<{ applied: { id: string; seq: number }[] }>('POST', '/vault/changes', {
      token: token(0),
      body: { changes },
    });
    for (const a of body.applied) current.set(a.id, a.seq);
    latest = Math.max(latest, ...body.applied.map((a) => a.seq));
  }
  const editable = [...current.keys()];

  const results = await interleave(
    [
      {
        name: 'health (reference)',
        run: async () => {
          await expectOk('GET', '/health');
        },
      },
      {
        name: 'push 1 new item',
        run: async (d, i) => {
          const { id, envelope } = fresh[i] as { id: string; envelope: string };
          const body = await expectOk<{ applied: { seq: number }[] }>('POST', '/vault/changes', {
            token: token(d),
            body: { changes: [{ id, baseSeq: 0, envelope }] },
          });
          latest = Math.max(latest, body.applied[0]?.seq ?? 0);
        },
      },
      {
        // Calls in flight together edit different items (i is consecutive), so none conflicts.
        name: 'push 1 edit of an existing item',
        run: async (d, i) => {
          const id = editable[i % editable.length] as string;
          const body = await expectOk<{ applied: { seq: number }[] }>('POST', '/vault/changes', {
            token: token(d),
            body: { changes: [{ id, baseSeq: current.get(id), envelope: edits[i] }] },
          });
          const seq = body.applied[0]?.seq;
          if (seq === undefined) throw new Error('an edit conflicted');
          current.set(id, seq);
          latest = Math.max(latest, seq);
        },
      },
      {
        name: 'pull 50 recent changes',
        run: async (d) => {
          const page = await expectOk<{ changes: unknown[] }>('GET', `/vault/changes?since=${latest - 50}&limit=100`, {
            token: token(d),
          });
          if (page.changes.length < 50) throw new Error(`expected at least 50 changes, got ${page.changes.length}`);
        },
      },
      {
        name: 'pull with nothing new',
        run: async (d) => {
          await expectOk('GET', `/vault/changes?since=${latest}`, { token: token(d) });
        },
      },
    ],
    DEVICES,
    ROUNDS,
    PER_BURST,
    15,
  );
  for (const r of results) say(formatPhase(r));
  const health = results[0] as PhaseResult;
  for (const r of results.slice(1)) {
    say(
      `  ${r.name}: ${((100 * r.perSecond) / health.perSecond).toFixed(0)}% of health's requests/s, p50 ${(r.p50 / health.p50).toFixed(2)}x health's`,
    );
  }

  // A 10,000-item vault: filled in pushes of 500, pulled whole by a new device, then one change.
  const big = await createAccount(2);
  const items = sealMany(big, VAULT_ITEMS);
  const bigIds = items.map((item) => item.id);
  const later = sealMany(big, 50).map((e) => e.envelope);
  const fillStart = performance.now();
  for (let batch = 0; batch < VAULT_ITEMS / 500; batch++) {
    const changes = items
      .slice(batch * 500, batch * 500 + 500)
      .map(({ id, envelope }) => ({ id, baseSeq: 0, envelope }));
    await expectOk('POST', '/vault/changes', { token: big.tokens[0], body: { changes } });
  }
  const fillSeconds = (performance.now() - fillStart) / 1000;
  say(
    `fill a ${VAULT_ITEMS}-item vault in pushes of 500: ${fillSeconds.toFixed(2)} s (${(VAULT_ITEMS / fillSeconds).toFixed(0)} items/s)`,
  );

  const fullPulls: number[] = [];
  let bytes = 0;
  let pages = 0;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    let cursor = '0';
    let items = 0;
    bytes = 0;
    pages = 0;
    for (;;) {
      const res = await fetch(`${API}/vault/changes?since=${cursor}&limit=1000`, {
        headers: { authorization: `Bearer ${big.tokens[1]}` },
      });
      const text = await res.text();
      bytes += Buffer.byteLength(text);
      pages++;
      const page = JSON.parse(text) as { changes: unknown[]; nextCursor: string; more: boolean };
      items += page.changes.length;
      cursor = page.nextCursor;
      if (!page.more) break;
    }
    if (items !== VAULT_ITEMS) throw new Error(`pulled ${items} items, expected ${VAULT_ITEMS}`);
    fullPulls.push(performance.now() - t0);
  }
  fullPulls.sort((a, b) => a - b);
  say(
    `pull the whole ${VAULT_ITEMS}-item vault (${pages} pages of 1000): ${(fullPulls[1] as number).toFixed(0)} ms median of 3 (min ${(fullPulls[0] as number).toFixed(0)}), ${(bytes / 1024 / 1024).toFixed(2)} MiB of JSON`,
  );

  const bigSeqs = new Map<string, number>(bigIds.map((id, i) => [id, i + 1]));
  const one = summarise(
    'push 1 change into it',
    await (async () => {
      const samples: number[] = [];
      for (let i = 0; i < 50; i++) {
        const id = bigIds[(i * 197) % bigIds.length] as string;
        const t0 = performance.now();
        const body = await expectOk<{ applied: { seq: number }[] }>('POST', '/vault/changes', {
          token: big.tokens[0],
          body: { changes: [{ id, baseSeq: bigSeqs.get(id), envelope: later[i] }] },
        });
        samples.push(performance.now() - t0);
        bigSeqs.set(id, body.applied[0]?.seq as number);
      }
      return samples;
    })(),
    1,
  );
  say(
    `push 1 change into the ${VAULT_ITEMS}-item vault: p50 ${one.p50.toFixed(1)} ms, p99 ${one.p99.toFixed(1)} ms (50 sequential pushes)`,
  );
  const delta = await fetch(`${API}/vault/changes?since=${VAULT_ITEMS + 49}`, {
    headers: { authorization: `Bearer ${big.tokens[1]}` },
  });
  say(`  and pull it on the other device: ${Buffer.byteLength(await delta.text())} bytes`);

  // Poke latency: from a push leaving device 0 until device 1's WebSocket hears of it.
  const socket = new WebSocket(`${server.origin.replace('http', 'ws')}/api/v1/vault/socket`, [
    'tessera.v1',
    `tessera.token.${big.tokens[1]}`,
  ]);
  const heard: ((seq: number) => void)[] = [];
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { type: string; seq: number };
    if (message.type === 'changed') heard.shift()?.(message.seq);
  });
  await new Promise<void>((ok, fail) => {
    socket.addEventListener('open', () => ok());
    socket.addEventListener('error', () => fail(new Error('WebSocket failed to open')));
  });
  const pokes: number[] = [];
  for (let i = 0; i < 50; i++) {
    const id = bigIds[(i * 389 + 7) % bigIds.length] as string;
    const t0 = performance.now();
    const poked = new Promise<number>((ok) => heard.push(ok));
    const body = await expectOk<{ applied: { seq: number }[] }>('POST', '/vault/changes', {
      token: big.tokens[0],
      body: { changes: [{ id, baseSeq: bigSeqs.get(id), envelope: later[i] }] },
    });
    bigSeqs.set(id, body.applied[0]?.seq as number);
    await poked;
    pokes.push(performance.now() - t0);
  }
  socket.close(1000, 'done');
  const poke = summarise('poke', pokes, 1);
  say(
    `push on one device until the other's WebSocket is poked: p50 ${poke.p50.toFixed(1)} ms, p99 ${poke.p99.toFixed(1)} ms (50 pushes)`,
  );
  say(
    `load average at end ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
} finally {
  clearTimeout(watchdog);
  await server.stop();
}
