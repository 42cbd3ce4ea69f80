import type { Pixels } from '../add/qr-decode.ts';
import type { QrReply, QrRequest } from '../add/qr-protocol.ts';

// A typed proxy to the QR decode worker: one picture in, its text (or null) out, matched by id.
// The worker (and with it zxing) is fetched on the first decode, never with the main chunk.
export interface QrClient {
  decode(pixels: Pixels, options?: { thorough?: boolean }): Promise<string | null>;
  close(): void;
}

export function createQrClient(): QrClient {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (text: string | null) => void; reject: (error: Error) => void }>();

  const fail = (message: string) => {
    for (const call of pending.values()) call.reject(new Error(message));
    pending.clear();
  };

  const start = () => {
    const created = new Worker(new URL('../add/qr.worker.ts', import.meta.url), { type: 'module', name: 'tessera-qr' });
    created.onmessage = (event: MessageEvent<QrReply>) => {
      const reply = event.data;
      const call = pending.get(reply.id);
      if (!call) return;
      pending.delete(reply.id);
      if (reply.kind === 'done') call.resolve(reply.text);
      else call.reject(new Error(reply.message));
    };
    created.onerror = (event) => {
      event.preventDefault();
      fail('The QR code reader stopped unexpectedly.');
      created.terminate();
      worker = undefined;
    };
    return created;
  };

  return {
    decode(pixels, options = {}) {
      worker ??= start();
      const id = nextId++;
      // Copy into a buffer of our own so transferring it never detaches the caller's ImageData.
      const data = new Uint8ClampedArray(pixels.data);
      const request: QrRequest = { id, width: pixels.width, height: pixels.height, data, thorough: options.thorough ?? true };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker!.postMessage(request, [data.buffer]);
      });
    },
    close() {
      fail('The QR code reader was closed.');
      worker?.terminate();
      worker = undefined;
    },
  };
}
