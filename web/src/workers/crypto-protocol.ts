import type { KdfParams } from '@tessera/core/crypto/kdf';

// Messages between services/crypto-client.ts and workers/crypto.worker.ts.
export interface DeriveRequest {
  id: number;
  kind: 'derive';
  password: string;
  salt: Uint8Array;
  params: KdfParams;
}

export type WorkerReply =
  | { id: number; kind: 'progress'; fraction: number }
  | { id: number; kind: 'done'; key: Uint8Array }
  | { id: number; kind: 'error'; code: string; message: string };
