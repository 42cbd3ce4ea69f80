/// <reference lib="webworker" />
import { decodeQr } from './qr-decode.ts';
import { qrErrorToWire, type QrCalls } from './qr-protocol.ts';
import { serve } from './rpc.ts';

// Decoding a whole screen can take a good part of a second; here it never blocks the page.
declare const self: DedicatedWorkerGlobalScope;

serve<QrCalls>(self, { decode: ({ data, width, height, thorough }) => decodeQr({ data, width, height }, { thorough }) }, qrErrorToWire);
