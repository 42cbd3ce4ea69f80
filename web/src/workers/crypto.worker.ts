/// <reference lib="webworker" />
import { warmArgon2id } from '@tessera/core/crypto/argon2';
import { deriveMasterKey } from '@tessera/core/crypto/kdf';
import { cryptoErrorToWire, type CryptoCalls } from './crypto-protocol.ts';
import { serve } from './rpc.ts';

// Argon2id takes half a second and 64 MiB: it runs here so the page keeps answering input.
declare const self: DedicatedWorkerGlobalScope;

// Fetch and compile Argon2's WebAssembly now, while the password is being typed, so the
// derivation itself pays no compile. derive() waits for the same promise, never for a second one.
void warmArgon2id();

serve<CryptoCalls>(
  self,
  {
    async derive({ password, salt, params }, call) {
      const key = await deriveMasterKey(password, salt, params, (fraction: number) => call.progress(fraction));
      // Moved, not copied: no second copy of the key stays behind in this worker.
      call.transfer(key.buffer);
      return key;
    },
    async warm({ next }) {
      await warmArgon2id(next ?? undefined);
      return null;
    },
  },
  cryptoErrorToWire,
);
