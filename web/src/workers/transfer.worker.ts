/// <reference lib="webworker" />
import { transferCalls } from './transfer-calls.ts';
import { transferErrorToWire, type TransferCalls } from './transfer-protocol.ts';
import { serve } from './rpc.ts';

// Reading an export and writing a backup: JSON of up to 20 MiB, and key derivations that take
// from a fifth of a second (Aegis scrypt) to several seconds (Ente's Argon2id). Here they never
// block the page, and the page cancels one by terminating this worker.
declare const self: DedicatedWorkerGlobalScope;

serve<TransferCalls>(self, transferCalls, transferErrorToWire);
