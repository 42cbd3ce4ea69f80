/// <reference lib="webworker" />
import { qrErrorToWire, type QrCalls } from './qr-protocol.ts';
import { serve } from './rpc.ts';

// Decoding a whole screen can take a good part of a second; here it never blocks the page.
// The decoder (with zxing) is not bundled into this worker: it is the app's own chunk, shared with
// the camera reader, imported from the URL the page sends (workers/qr-decode.ts, decoderUrl).
declare const self: DedicatedWorkerGlobalScope;

type Decoder = typeof import('./qr-decode.ts');
let decoder: Promise<Decoder> | undefined;

function loadDecoder(url: string): Promise<Decoder> {
  decoder ??= import(/* @vite-ignore */ url) as Promise<Decoder>;
  return decoder;
}

serve<QrCalls>(
  self,
  {
    decode: async ({ decoder: url, data, width, height, thorough }) =>
      (await loadDecoder(url)).decodeQr({ data, width, height }, { thorough }),
  },
  qrErrorToWire,
);
