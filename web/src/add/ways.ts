// The five ways to add an OTP, in the order the chooser shows them.
export type Way = 'camera' | 'image' | 'screen' | 'key' | 'link';

export const WAYS: ReadonlyArray<{ way: Way; label: string; hint: string }> = [
  { way: 'camera', label: 'Camera', hint: 'Scan the QR code with a camera' },
  { way: 'image', label: 'Image', hint: 'Read the QR code from a picture or a screenshot' },
  { way: 'screen', label: 'Screen', hint: 'Find the QR code in a window or tab on this screen' },
  { way: 'key', label: 'Setup key', hint: 'Type the setup key shown next to the QR code' },
  { way: 'link', label: 'Link', hint: 'Paste an otpauth:// link or a Google Authenticator export' },
];

/** Screen capture exists on desktop browsers only; phones have no getDisplayMedia. */
export function canCaptureScreen(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';
}

/** Where the flow opens: the camera on a phone (touch first), an image on a desktop. */
export function firstWay(): Way {
  const touch = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
  return touch ? 'camera' : 'image';
}

/**
 * Whether the device has a camera at all, asked without a permission prompt: enumerateDevices
 * lists each kind of device present (labels come only after permission). Unknown counts as yes,
 * so the camera is still tried where the browser cannot say.
 */
export async function hasCamera(): Promise<boolean> {
  if (typeof navigator === 'undefined' || typeof navigator.mediaDevices?.enumerateDevices !== 'function') return true;
  try {
    return (await navigator.mediaDevices.enumerateDevices()).some((device) => device.kind === 'videoinput');
  } catch {
    return true;
  }
}

/** What happened to a scanned or pasted text, so a scanner knows whether to keep going. */
export type Outcome = 'review' | 'next-batch' | 'refused';
