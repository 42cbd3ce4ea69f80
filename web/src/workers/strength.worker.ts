/// <reference lib="webworker" />
import { createZxcvbn, rate } from '../lib/zxcvbn.ts';
import { serve } from './rpc.ts';
import { strengthErrorToWire, type StrengthCalls } from './strength-protocol.ts';

// Password strength (zxcvbn-ts) off the main thread: its word lists take a moment to index and
// its Levenshtein pass a moment per password, neither of which may delay typing.
declare const self: DedicatedWorkerGlobalScope;

const zxcvbn = createZxcvbn();

serve<StrengthCalls>(self, { rate: ({ password }) => rate(zxcvbn, password) }, strengthErrorToWire);
