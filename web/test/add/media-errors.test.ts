import { describe, expect, it } from 'vitest';
import { AddError } from '../../src/add/errors.ts';
import { cameraError, screenError } from '../../src/add/media-errors.ts';

// The DOMException names browsers use (Media Capture and Streams §10.2; old Chrome names too).
describe('cameraError', () => {
  it.each([
    ['NotAllowedError', 'camera-denied', 'Camera access was refused'],
    ['PermissionDeniedError', 'camera-denied', 'Camera access was refused'],
    ['SecurityError', 'camera-denied', 'Camera access was refused'],
    ['NotFoundError', 'camera-none', 'No camera was found'],
    ['DevicesNotFoundError', 'camera-none', 'No camera was found'],
    ['OverconstrainedError', 'camera-none', 'No camera was found'],
    ['NotReadableError', 'camera-in-use', 'another app or tab may be using it'],
    ['TrackStartError', 'camera-in-use', 'another app or tab may be using it'],
    ['AbortError', 'camera-in-use', 'another app or tab may be using it'],
  ])('%s means %s', (name, code, words) => {
    const e = cameraError(new DOMException('browser text', name));
    expect(e.code).toBe(code);
    expect(e.message).toContain(words);
  });

  it('keeps the browser’s words for anything else, and passes AddErrors through', () => {
    expect(cameraError(new DOMException('weird', 'InvalidStateError')).message).toBe(
      'The camera could not be started (InvalidStateError: weird).',
    );
    const own = new AddError('camera-insecure', 'HTTPS needed');
    expect(cameraError(own)).toBe(own);
  });
});

describe('screenError', () => {
  it('tells a refused or cancelled share from a failure', () => {
    expect(screenError(new DOMException('', 'NotAllowedError')).code).toBe('screen-denied');
    expect(screenError(new DOMException('', 'NotReadableError')).code).toBe('screen-failed');
    expect(screenError(new Error('odd')).message).toBe('The screen could not be captured (Error: odd).');
  });
  it('a browser that cannot capture at all (WebKitGTK: OverconstrainedError) is told to use a screenshot', () => {
    expect(screenError(new DOMException('Invalid constraint', 'OverconstrainedError')).code).toBe('screen-unsupported');
    expect(screenError(new DOMException('', 'NotSupportedError')).message).toMatch(
      /Take a screenshot of the QR code, then add the picture under Image\.$/,
    );
  });
});
