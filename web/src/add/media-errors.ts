import { AddError } from './errors.ts';

// getUserMedia and getDisplayMedia fail with DOMExceptions whose names say why (Media Capture
// and Streams §10.2, Screen Capture §5.1). Each reason gets a message that says what to do.

function name(error: unknown): string {
  return error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)
    ? String((error as { name: unknown }).name)
    : '';
}

/** Why the camera is not available before even asking: no API, or a page not served securely. */
export function cameraUnavailable(): AddError | null {
  if (typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function') return null;
  if (typeof isSecureContext === 'boolean' && !isSecureContext) {
    return new AddError(
      'camera-insecure',
      'The camera only works when Tessera is opened over HTTPS. Use an image of the QR code or the setup key instead.',
    );
  }
  return new AddError(
    'camera-unsupported',
    'This browser cannot use a camera here. Use an image of the QR code or the setup key instead.',
  );
}

export function cameraError(error: unknown): AddError {
  if (error instanceof AddError) return error;
  switch (name(error)) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new AddError(
        'camera-denied',
        'Camera access was refused. Allow the camera for this site (the camera icon in the address bar or the browser settings), then try again, or use an image of the QR code.',
      );
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return new AddError(
        'camera-none',
        'No camera was found. Use an image or a screenshot of the QR code, or type the setup key.',
      );
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new AddError(
        'camera-in-use',
        'The camera could not be started: another app or tab may be using it. Close it, then try again.',
      );
    default:
      return new AddError('camera-failed', `The camera could not be started (${describe(error)}).`);
  }
}

export function screenError(error: unknown): AddError {
  if (error instanceof AddError) return error;
  switch (name(error)) {
    case 'NotAllowedError':
    case 'AbortError':
      return new AddError('screen-denied', 'Screen sharing was cancelled or not allowed, so nothing was captured.');
    case 'NotFoundError':
      return new AddError('screen-failed', 'There is no screen, window or tab that can be captured.');
    case 'NotReadableError':
      return new AddError('screen-failed', 'The screen could not be captured: the system refused access to it.');
    // WebKitGTK has getDisplayMedia but no capture source behind it, and answers even
    // { video: true } with "OverconstrainedError: Invalid constraint"; others say NotSupported.
    case 'OverconstrainedError':
    case 'NotSupportedError':
      return new AddError(
        'screen-unsupported',
        'This browser cannot capture the screen. Take a screenshot of the QR code, then add the picture under Image.',
      );
    default:
      return new AddError('screen-failed', `The screen could not be captured (${describe(error)}).`);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  return String(error);
}
