import { TesseraError } from '@tessera/core/errors';
import { describe, expect, it } from 'vitest';
import { createRpcClient, type Handlers, type Spec, type WireError } from '../../src/workers/rpc.ts';
import { ChannelWorker } from './channel.ts';

// workers/rpc.ts over a real MessageChannel: answers matched to calls, progress, transfer,
// typed errors, and a crash that rejects every pending call and lets the next call start afresh.

type Calls = {
  double: { args: number; result: number };
  slow: { args: { steps: number }; result: string; progress: number };
  hold: { args: null; result: never };
  fail: { args: string; result: never };
  buffer: { args: Uint8Array; result: Uint8Array };
};

const toWire = (error: unknown): WireError =>
  error instanceof TesseraError
    ? { code: error.code, message: error.message, detail: { extra: 1 } }
    : { code: 'failed', message: String(error) };
const fromWire = (error: WireError) =>
  Object.assign(new TesseraError(error.code, error.message), { detail: error.detail });

function setup() {
  const started: ChannelWorker[] = [];
  const received: Uint8Array[] = [];
  const handlers: Handlers<Calls> = {
    double: (n) => n * 2,
    async slow({ steps }, call) {
      for (let step = 1; step <= steps; step++) {
        await new Promise((resolve) => setImmediate(resolve));
        call.progress(step / steps);
      }
      return 'done';
    },
    hold: () => new Promise<never>(() => undefined),
    fail: (code) => {
      throw new TesseraError(code, `failed with ${code}`);
    },
    buffer(bytes, call) {
      received.push(bytes);
      const out = bytes.map((b) => b + 1);
      call.transfer(out.buffer);
      return out;
    },
  };
  const client = createRpcClient<Calls>(
    () => {
      const worker = new ChannelWorker(handlers as Handlers<Spec>, toWire);
      started.push(worker);
      return worker;
    },
    { fromWire, crashed: (detail) => new TesseraError('worker-stopped', `stopped${detail ? ` (${detail})` : ''}`) },
  );
  return { client, started, received };
}

describe('createRpcClient with serve', () => {
  it('starts no worker before the first call, then one for all calls, answering each its own', async () => {
    const { client, started } = setup();
    expect(started).toHaveLength(0);
    const answers = await Promise.all([
      client.call('double', 1),
      client.call('double', 20),
      client.call('double', 300),
    ]);
    expect(answers).toEqual([2, 40, 600]);
    expect(started).toHaveLength(1);
    client.close(new Error('done'));
  });

  it('passes progress reports to the call that asked, in order, before the answer', async () => {
    const { client } = setup();
    const seen: number[] = [];
    const answer = await client.call('slow', { steps: 4 }, { onProgress: (fraction) => seen.push(fraction) });
    expect(answer).toBe('done');
    expect(seen).toEqual([0.25, 0.5, 0.75, 1]);
    client.close(new Error('done'));
  });

  it('turns a thrown error into the caller’s typed error, code and detail kept', async () => {
    const { client } = setup();
    await expect(client.call('fail', 'wrong-password')).rejects.toMatchObject({
      name: 'TesseraError',
      code: 'wrong-password',
      message: 'failed with wrong-password',
      detail: { extra: 1 },
    });
    // The worker is still there for the next call.
    expect(await client.call('double', 4)).toBe(8);
    client.close(new Error('done'));
  });

  it('moves transferred buffers instead of copying them, both ways', async () => {
    const { client, received } = setup();
    const bytes = Uint8Array.of(1, 2, 3);
    const answer = await client.call('buffer', bytes, { transfer: [bytes.buffer] });
    expect(bytes.byteLength).toBe(0);
    expect([...received[0]!]).toEqual([1, 2, 3]);
    expect([...answer]).toEqual([2, 3, 4]);
    // The worker's copy went with the answer.
    client.close(new Error('done'));
  });

  it('rejects every pending call when the worker crashes, and starts a new worker on the next call', async () => {
    const { client, started } = setup();
    const first = client.call('hold', null);
    const second = client.call('hold', null);
    await client.call('double', 1);
    const event = started[0]!.crash('out of memory');
    expect(event.defaultPrevented).toBe(true);
    await expect(first).rejects.toMatchObject({ code: 'worker-stopped', message: 'stopped (out of memory)' });
    await expect(second).rejects.toMatchObject({ code: 'worker-stopped' });
    expect(started[0]!.terminated).toBe(true);
    expect(await client.call('double', 5)).toBe(10);
    expect(started).toHaveLength(2);
    client.close(new Error('done'));
  });

  it('close() ends the worker and rejects what is pending with the given reason', async () => {
    const { client, started } = setup();
    const pending = client.call('hold', null);
    expect(client.running()).toBe(true);
    client.close(new TesseraError('cancelled', 'Cancelled'));
    expect(client.running()).toBe(false);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(started[0]!.terminated).toBe(true);
  });

  it('answers a call to a name the worker does not serve with an error, not silence', async () => {
    const { client } = setup();
    const loose = client as unknown as { call(method: string, args: unknown): Promise<unknown> };
    await expect(loose.call('toString', null)).rejects.toMatchObject({ code: 'failed' });
    client.close(new Error('done'));
  });
});
