// Messages between services/qr-client.ts and add/qr.worker.ts.
export interface QrRequest {
  id: number;
  width: number;
  height: number;
  /** RGBA pixels; the buffer is transferred, not copied. */
  data: Uint8ClampedArray;
  thorough: boolean;
}

export type QrReply = { id: number; kind: 'done'; text: string | null } | { id: number; kind: 'error'; message: string };
