import { TesseraError } from '@tessera/core/errors';
import type { WireError } from './rpc.ts';

// The calls services/qr-client.ts makes of workers/qr.worker.ts (over workers/rpc.ts).
export type QrCalls = {
  /**
   * The text of the QR code in an RGBA picture, or null when none is found. `decoder` is the URL
   * of workers/qr-decode.ts in the app's build (its `decoderUrl`), which the worker imports.
   */
  decode: {
    args: { decoder: string; width: number; height: number; data: Uint8ClampedArray; thorough: boolean };
    result: string | null;
  };
};

/** Every failure in the QR worker is a TesseraError; zxing's own failures become 'qr-failed'. */
export function qrErrorToWire(error: unknown): WireError {
  if (error instanceof TesseraError) return { code: error.code, message: error.message };
  return { code: 'qr-failed', message: error instanceof Error ? error.message : String(error) };
}

export function qrErrorFromWire(error: WireError): Error {
  return new TesseraError(error.code, error.message);
}
