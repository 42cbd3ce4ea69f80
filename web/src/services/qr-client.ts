import { TesseraError } from '@tessera/core/errors';
import type { Pixels } from '../workers/qr-decode.ts';
import { qrErrorFromWire, type QrCalls } from '../workers/qr-protocol.ts';
import { createRpcClient } from '../workers/rpc.ts';

// A typed proxy to the QR decode worker: one picture in, its text (or null) out. The worker and
// the decoder chunk it imports (with zxing, shared with the camera reader) are fetched on the
// first decode, never with the main chunk.
export interface QrClient {
  decode(pixels: Pixels, options?: { thorough?: boolean }): Promise<string | null>;
  close(): void;
}

export function createQrClient(): QrClient {
  const rpc = createRpcClient<QrCalls>(
    () => new Worker(new URL('../workers/qr.worker.ts', import.meta.url), { type: 'module', name: 'tessera-qr' }),
    {
      fromWire: qrErrorFromWire,
      crashed: () => new TesseraError('qr-reader', 'The QR code reader stopped unexpectedly.'),
    },
  );
  return {
    async decode(pixels, options = {}) {
      // The worker imports this same chunk and calls its decodeQr. Naming decodeQr here keeps it in
      // the chunk: the build drops the exports of a dynamic import that nobody on the page names.
      const { decoderUrl, decodeQr } = await import('../workers/qr-decode.ts');
      if (typeof decodeQr !== 'function')
        throw new TesseraError('qr-reader', 'The QR code reader is missing from this build.');
      // Copy into a buffer of our own so transferring it never detaches the caller's ImageData.
      const data = new Uint8ClampedArray(pixels.data);
      const args = {
        decoder: decoderUrl,
        width: pixels.width,
        height: pixels.height,
        data,
        thorough: options.thorough ?? true,
      };
      return rpc.call('decode', args, { transfer: [data.buffer] });
    },
    close() {
      rpc.close(new TesseraError('qr-reader', 'The QR code reader was closed.'));
    },
  };
}
