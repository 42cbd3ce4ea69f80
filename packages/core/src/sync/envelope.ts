import { ENVELOPE_VERSION } from '../crypto/envelope.ts';
import { SyncError } from './errors.ts';
import { SYNC_LIMITS } from './limits.ts';

// All the server ever learns of an item: its size and its version byte (crypto/envelope.ts).
// Checked on both sides: the worker refuses what it must not store, and a client refuses what
// no server should have sent it.
export function checkEnvelope(envelope: Uint8Array, where = 'envelope'): Uint8Array {
  if (envelope.length > SYNC_LIMITS.envelopeMaxBytes) {
    throw new SyncError(
      'envelope-too-large',
      `${where} is ${envelope.length} bytes; the limit is ${SYNC_LIMITS.envelopeMaxBytes}`,
    );
  }
  if (envelope.length < SYNC_LIMITS.envelopeMinBytes) {
    throw new SyncError(
      'envelope-invalid',
      `${where} is shorter than an envelope's header and tag (${SYNC_LIMITS.envelopeMinBytes} bytes)`,
    );
  }
  if (envelope[0] !== ENVELOPE_VERSION) {
    throw new SyncError(
      'envelope-invalid',
      `${where} has version ${envelope[0]}; this server stores version ${ENVELOPE_VERSION}`,
    );
  }
  return envelope;
}
