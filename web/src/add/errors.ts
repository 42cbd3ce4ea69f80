import { TesseraError } from '@tessera/core/errors';

// Failures that belong to the add-OTP flow itself (the camera, the screen, an image without a QR
// code, a QR code that holds something else), as opposed to a malformed otpauth link, which core
// reports. Same base class, so the message mapper handles both the same way.
export type AddErrorCode =
  | 'camera-unsupported'
  | 'camera-insecure'
  | 'camera-none'
  | 'camera-denied'
  | 'camera-in-use'
  | 'camera-failed'
  | 'screen-denied'
  | 'screen-failed'
  | 'screen-unsupported'
  | 'screen-no-qr'
  | 'image-unreadable'
  | 'image-no-qr'
  | 'clipboard-no-image'
  | 'qr-not-otp'
  | 'qr-web-link'
  | 'key-empty'
  | 'key-character'
  | 'key-length'
  | 'field-range'
  | 'migration-other-export'
  | 'migration-size-mismatch'
  | 'migration-bad-batch';

export class AddError extends TesseraError {
  declare readonly code: AddErrorCode;
  constructor(code: AddErrorCode, message: string) {
    super(code, message);
    this.name = 'AddError';
  }
}
