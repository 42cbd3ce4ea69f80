import { fromBase64url, toBase64url } from '@tessera/core/crypto/bytes';
import { openItem, sealItem } from '@tessera/core/crypto/item';
import { randomId } from '@tessera/core/crypto/random';
import { canonicalJson, type JsonValue } from '@tessera/core/vault/canonical';
import { decodeRecord, encodeRecord } from '@tessera/core/vault/codec';
import {
  advanceHotp,
  createRecord,
  deleteRecord,
  observeRecord,
  restoreRecord,
  updateRecord,
} from '@tessera/core/vault/edit';
import { HybridClock, type Stamp } from '@tessera/core/vault/hlc';
import type { RecordInput, VaultRecord } from '@tessera/core/vault/record';
import { pushBatches } from '../../web/src/services/sync/batches.ts';
import { planUnlocked, type Plan, type RemoteCopy } from '../../web/src/services/sync/planner.ts';

// One simulated device: its own hybrid clock and rows (record, envelope, base seq, outbox flag),
// syncing with the same protocol steps and the same planner as the web app's engine
// (web/src/services/sync/): pull pages after the cursor, push the outbox on base seqs, merge
// conflicts field by field and push the merge. Every local write is logged so the run can check
// that the final vault holds, for every field, the value of its latest-stamped write.

export interface Write {
  id: string;
  field: string;
  /** Canonical JSON of the value; for the hotp counter, the counter. */
  value: string;
  stamp: Stamp;
}

export interface Counters {
  edits: number;
  creates: number;
  pushes: number;
  pulls: number;
  conflicts: number;
  merges: number;
  rebases: number;
  takes: number;
  pushLatency: number[];
  pullLatency: number[];
  /** ms from a push being applied to another device applying that change from a pull. */
  visibleAfter: number[];
  errors: string[];
}

interface Row {
  record: VaultRecord;
  envelope: Uint8Array;
  seq: number;
  dirty: boolean;
}

type ServerItem = { id: string; seq: number; envelope: string } | { id: string; seq: number; deleted: true };

const FIELDS = ['title', 'username', 'password', 'notes', 'tags', 'favourite'] as const;

export interface Shared {
  origin: string;
  vaultId: string;
  counters: Counters;
  writes: Write[];
  /** When each seq was applied by a push, for the time-to-visible figure. */
  appliedAt: Map<number, number>;
}

export class Device {
  readonly name: string;
  readonly rows = new Map<string, Row>();
  cursor = '0';
  poked = false;
  private readonly clock: HybridClock;
  private readonly token: string;
  private readonly vaultKey: Uint8Array;
  private readonly shared: Shared;
  private socket: WebSocket | null = null;
  private closing = false;
  /** How many times the poke socket was opened again after the server dropped it. */
  reconnects = 0;
  private n = 0;

  constructor(name: string, token: string, vaultKey: Uint8Array, shared: Shared) {
    this.name = name;
    this.token = token;
    this.vaultKey = vaultKey;
    this.shared = shared;
    this.clock = new HybridClock(randomId());
  }

  private seal(record: VaultRecord): Uint8Array {
    return sealItem(this.vaultKey, this.shared.vaultId, record.id, encodeRecord(record));
  }

  private open(id: string, envelope: Uint8Array): VaultRecord {
    return decodeRecord(openItem(this.vaultKey, this.shared.vaultId, id, envelope));
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.shared.origin}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
    return JSON.parse(text);
  }

  /** The WebSocket poke, exactly as the app opens it (token as a subprotocol). */
  connect(): void {
    const ws = new WebSocket(`${this.shared.origin.replace(/^http/, 'ws')}/api/v1/vault/socket`, [
      'tessera.v1',
      `tessera.token.${this.token}`,
    ]);
    // The server went away (the run restarts it once): open the socket again, as the app does,
    // and pull at once, since pokes sent while it was closed are lost.
    ws.onclose = () => {
      if (this.closing) return;
      this.poked = true;
      setTimeout(() => {
        if (this.closing) return;
        this.reconnects++;
        this.connect();
      }, 250);
    };
    ws.onerror = () => undefined;
    ws.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as { type: string; seq?: number };
      if ((message.type === 'changed' || message.type === 'hello') && (message.seq ?? 0) > Number(this.cursor))
        this.poked = true;
    };
    this.socket = ws;
  }

  disconnect(): void {
    this.closing = true;
    this.socket?.close(1000, 'done');
  }

  // ---- local edits ----

  private log(record: VaultRecord, fields: readonly string[]): void {
    for (const field of fields) {
      if (field === 'counter') {
        this.shared.writes.push({
          id: record.id,
          field,
          value: String(record.otp.counter),
          stamp: record.otp.counterAt,
        });
        continue;
      }
      const register = record[field as (typeof FIELDS)[number] | 'deleted'];
      this.shared.writes.push({
        id: record.id,
        field,
        value: canonicalJson(register.value as JsonValue),
        stamp: register.at,
      });
    }
  }

  private store(record: VaultRecord): void {
    const old = this.rows.get(record.id);
    this.rows.set(record.id, { record, envelope: this.seal(record), seq: old?.seq ?? 0, dirty: true });
  }

  edit(random: () => number): void {
    const live = [...this.rows.values()].map((row) => row.record);
    const value = `${this.name} edit ${++this.n}`;
    if (live.length < 12 || random() < 0.04) {
      const input: RecordInput = {
        title: `Record by ${value}`,
        username: `user-${this.n}@example.org`,
        password: `pw-${value}`,
        notes: `created by ${value}; `.repeat(1 + Math.floor(random() * 8)),
        tags: ['load'],
        ...(random() < 0.3
          ? {
              otp: {
                type: 'hotp',
                secret: Uint8Array.from({ length: 20 }, (_, i) => i + this.n),
                algorithm: 'SHA1',
                digits: 6,
                period: 30,
                counter: 0,
                issuer: 'Load',
                account: value,
              },
            }
          : {}),
      };
      const record = createRecord(input, this.clock);
      this.store(record);
      this.log(record, [...FIELDS, 'deleted', ...(record.otp.value ? ['counter'] : [])]);
      this.shared.counters.creates++;
      return;
    }
    const target = live[Math.floor(random() * live.length)]!;
    const roll = random();
    let next: VaultRecord;
    let fields: string[];
    if (roll < 0.06) {
      next = target.deleted.value ? restoreRecord(target, this.clock) : deleteRecord(target, this.clock);
      fields = ['deleted'];
    } else if (roll < 0.16 && target.otp.value?.type === 'hotp') {
      next = advanceHotp(target, this.clock);
      fields = ['counter'];
    } else {
      const field = FIELDS[Math.floor(random() * FIELDS.length)]!;
      const patch: RecordInput =
        field === 'tags'
          ? { tags: [value.replaceAll(' ', '-')] }
          : field === 'favourite'
            ? { favourite: !target.favourite.value }
            : { [field]: `${field} ${value}` };
      next = updateRecord(target, patch, this.clock);
      fields = [field];
    }
    this.store(next);
    this.log(next, fields);
    this.shared.counters.edits++;
  }

  // ---- sync, as web/src/services/sync/engine.ts does it ----

  private apply(item: ServerItem | { id: string; absent: true }): void {
    const row = this.rows.get(item.id);
    let remote: RemoteCopy;
    if ('absent' in item) remote = { kind: 'absent' };
    else if ('deleted' in item) remote = { kind: 'deleted', seq: item.seq };
    else {
      const envelope = fromBase64url(item.envelope);
      const record = this.open(item.id, envelope);
      observeRecord(record, this.clock);
      remote = { kind: 'record', seq: item.seq, record, envelope };
    }
    const plan: Plan = planUnlocked(
      row ? { record: row.record, envelope: row.envelope, seq: row.seq, dirty: row.dirty } : null,
      remote,
    );
    const counters = this.shared.counters;
    switch (plan.action) {
      case 'none':
        return;
      case 'take':
        counters.takes++;
        this.rows.set(item.id, {
          record: (remote as { record: VaultRecord }).record,
          envelope: plan.envelope,
          seq: plan.seq,
          dirty: false,
        });
        return;
      case 'rebase':
        counters.rebases++;
        this.rows.set(item.id, { ...row!, seq: plan.seq, dirty: plan.dirty });
        return;
      case 'merge':
        counters.merges++;
        this.rows.set(item.id, { record: plan.record, envelope: this.seal(plan.record), seq: plan.seq, dirty: true });
        return;
      case 'trash':
        // The simulated devices delete by the record's flag and never push `delete: true`.
        throw new Error(`the server sent a tombstone for ${item.id}`);
      case 'set-aside':
        throw new Error(`an item did not open: ${plan.reason}`);
    }
  }

  async pull(): Promise<void> {
    this.poked = false;
    for (;;) {
      const started = performance.now();
      const page = (await this.call('GET', `/vault/changes?since=${this.cursor}&limit=1000`)) as {
        changes: ServerItem[];
        nextCursor: string;
        more: boolean;
      };
      this.shared.counters.pullLatency.push(performance.now() - started);
      this.shared.counters.pulls++;
      const now = Date.now();
      for (const change of page.changes) {
        const at = this.shared.appliedAt.get(change.seq);
        if (at !== undefined && this.rows.get(change.id)?.seq !== change.seq)
          this.shared.counters.visibleAfter.push(now - at);
        this.apply(change);
      }
      this.cursor = page.nextCursor;
      if (!page.more) return;
    }
  }

  /** Pushes the outbox until it is empty or 8 rounds of conflicts passed; true if anything was written. */
  async push(): Promise<boolean> {
    let wrote = false;
    for (let round = 0; round < 8; round++) {
      const outbox = [...this.rows.entries()]
        .filter(([, row]) => row.dirty)
        .map(([id, row]) => ({ id, envelope: row.envelope, baseSeq: row.seq }));
      if (outbox.length === 0) return wrote;
      let conflicts = 0;
      for (const batch of pushBatches(outbox)) {
        const started = performance.now();
        const answer = (await this.call('POST', '/vault/changes', {
          changes: batch.map((c) => ({ id: c.id, baseSeq: c.baseSeq, envelope: toBase64url(c.envelope) })),
        })) as {
          applied: { id: string; seq: number }[];
          conflicts: { id: string; current: ServerItem | null }[];
        };
        this.shared.counters.pushLatency.push(performance.now() - started);
        this.shared.counters.pushes++;
        const now = Date.now();
        for (const ack of answer.applied) {
          const row = this.rows.get(ack.id);
          // Single-threaded per device: the row is still the one pushed.
          if (row) this.rows.set(ack.id, { ...row, seq: ack.seq, dirty: false });
          if (!this.shared.appliedAt.has(ack.seq)) this.shared.appliedAt.set(ack.seq, now);
          wrote = true;
        }
        for (const conflict of answer.conflicts) this.apply(conflict.current ?? { id: conflict.id, absent: true });
        conflicts += answer.conflicts.length;
        this.shared.counters.conflicts += answer.conflicts.length;
      }
      if (conflicts === 0) return wrote;
    }
    return wrote;
  }

  /** Every id the server's change feed lists from the start, once per listing (the audit of doubles). */
  async allIds(): Promise<string[]> {
    const ids: string[] = [];
    let cursor = '0';
    for (;;) {
      const page = (await this.call('GET', `/vault/changes?since=${cursor}&limit=1000`)) as {
        changes: ServerItem[];
        nextCursor: string;
        more: boolean;
      };
      ids.push(...page.changes.map((change) => change.id));
      cursor = page.nextCursor;
      if (!page.more) return ids;
    }
  }

  dirtyCount(): number {
    return [...this.rows.values()].filter((row) => row.dirty).length;
  }

  /** Canonical bytes of every record, by id: equal maps mean equal vaults. */
  snapshot(): Map<string, string> {
    return new Map([...this.rows].map(([id, row]) => [id, toBase64url(encodeRecord(row.record))]));
  }
}
