import type { MiddlewareHandler } from 'hono';

// On every response, the app's pages and the API alike. The CSP allows exactly what the PWA
// uses: its own scripts plus WebAssembly (hash-wasm's Argon2id), data:/blob: images (QR codes),
// camera streams for scanning, and connections to its own origin only.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "media-src 'self' blob: mediastream:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
  // Trusted Types: a string reaching an HTML or script sink goes through the app's one policy
  // (web/src/trusted-types.ts), which refuses markup that could run script and scripts from
  // elsewhere. `default` is the only policy the app creates; no other name may be created.
  "require-trusted-types-for 'script'",
  'trusted-types default',
].join('; ');

// Powerful features: the camera (QR scanning), screen capture (reading a QR code shown in
// another window) and WebAuthn (passkey unlock) for the app's own origin, nothing else for anyone. Listed are the features
// Chromium knows that a page could otherwise use unasked or that an embedded frame could ask for.
export const PERMISSIONS_POLICY = [
  'camera=(self)',
  'display-capture=(self)',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'midi=()',
  'accelerometer=()',
  'gyroscope=()',
  'magnetometer=()',
  'fullscreen=()',
  'picture-in-picture=()',
  'screen-wake-lock=()',
  'idle-detection=()',
  'local-fonts=()',
  'publickey-credentials-get=(self)',
  'publickey-credentials-create=(self)',
  'otp-credentials=()',
  'encrypted-media=()',
  'xr-spatial-tracking=()',
  'browsing-topics=()',
].join(', ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': PERMISSIONS_POLICY,
});

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  // A WebSocket upgrade's 101 cannot be rebuilt and carries no document.
  if (c.res.status === 101) return;
  // Asset responses come with immutable headers: copy, then set.
  const res = new Response(c.res.body, c.res);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.headers.set(name, value);
  // API answers hold session tokens and key material: never cache them anywhere.
  if (new URL(c.req.url).pathname.startsWith('/api/')) res.headers.set('cache-control', 'no-store');
  c.res = undefined;
  c.res = res;
};
