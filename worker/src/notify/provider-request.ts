import { ApiError } from '../http/errors.ts';

const TIMEOUT_MS = 10_000;

// Sends one request to an email or SMS provider. The provider's answer is read only by `accepted`
// (some APIs answer 200 to a message they refused) and is never echoed or logged: it may quote the
// message, which holds a code.
export async function sendToProvider(
  what: 'email' | 'SMS',
  request: Request,
  accepted: (response: Response) => Promise<boolean> = async () => true,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(request, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw new ApiError('delivery-failed', `The ${what} provider did not answer; try again shortly`);
  }
  const ok = response.ok && (await accepted(response).catch(() => false));
  await response.body?.cancel().catch(() => undefined);
  if (!ok)
    throw new ApiError(
      'delivery-failed',
      `The ${what} provider refused the message (HTTP ${response.status}); try again shortly`,
    );
}

// HTTP Basic credentials (RFC 7617) for APIs keyed by an account id and a secret.
export function basicAuth(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}
