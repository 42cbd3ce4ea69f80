/// <reference lib="webworker" />
import { decodeQr } from './qr-decode.ts';
import type { QrReply, QrRequest } from './qr-protocol.ts';

// Decoding a whole screen can take a good part of a second; here it never blocks the page.
declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<QrRequest>) => {
  const { id, width, height, data, thorough } = event.data;
  let reply: QrReply;
  try {
    reply = { id, kind: 'done', text: decodeQr({ data, width, height }, { thorough }) };
  } catch (error) {
    reply = { id, kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};
