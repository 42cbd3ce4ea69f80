import type { Strength } from '../lib/strength.ts';

// Messages between services/strength-client.ts and workers/strength.worker.ts.
export interface StrengthRequest {
  id: number;
  password: string;
}

export interface StrengthReply {
  id: number;
  strength: Strength;
}
