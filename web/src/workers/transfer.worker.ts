/// <reference lib="webworker" />
import { answer } from './transfer-calls.ts';
import type { TransferRequest } from './transfer-protocol.ts';

// Reading an export and writing a backup: JSON of up to 20 MiB, and key derivations that take
// from a fifth of a second (Aegis scrypt) to several seconds (Ente's Argon2id). Here they never
// block the page, and the page cancels one by terminating this worker.
declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (event: MessageEvent<TransferRequest>) => {
  const { reply, transfer } = await answer(event.data);
  self.postMessage(reply, transfer);
};
