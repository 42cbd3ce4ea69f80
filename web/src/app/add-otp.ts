import { lazy, type Component } from 'solid-js';
import type { Otp } from '@tessera/core/otp/types';
import type { RecordView } from '@tessera/core/vault/record';
import type { OtpTarget } from '../services/vault-store.ts';

// The "Add an OTP" flow (camera, image, screen, setup key, link, migration) lives in add/ and
// is loaded only when opened: the QR scanner is large. The glob keeps the shell buildable before
// that component exists; when it does, it becomes its own lazily loaded chunk.
export interface AddOtpProps {
  records: RecordView[];
  onSave: (otps: Otp[], target: OtpTarget) => Promise<void>;
  onCancel: () => void;
}

const modules = import.meta.glob<{ default: Component<AddOtpProps> }>('../add/AddOtp.tsx');
const load = modules['../add/AddOtp.tsx'];

export const hasAddOtp = load !== undefined;
export const AddOtp = load ? lazy(load) : null;
