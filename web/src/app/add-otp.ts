import { lazy } from 'solid-js';

// The "Add an OTP" flow (camera, image, screen, setup key, link, migration) lives in add/ and
// is loaded only when opened: the QR scanner is large.
export const AddOtp = lazy(() => import('../add/AddOtp.tsx'));
