/// <reference lib="webworker" />
import { createZxcvbn, rate } from '../lib/zxcvbn.ts';
import type { StrengthReply, StrengthRequest } from './strength-protocol.ts';

// Password strength (zxcvbn-ts) off the main thread: its word lists take a moment to index and
// its Levenshtein pass a moment per password, neither of which may delay typing.
declare const self: DedicatedWorkerGlobalScope;

const zxcvbn = createZxcvbn();

self.onmessage = (event: MessageEvent<StrengthRequest>) => {
  const { id, password } = event.data;
  const reply: StrengthReply = { id, strength: rate(zxcvbn, password) };
  self.postMessage(reply);
};
