import { ApiError } from '../http/errors.ts';
import type { SendFetch } from './notifier.ts';

export interface HttpApiConfig {
  url: string;
  key: string;
  from: string;
  fetch?: SendFetch;
}

const TIMEOUT_MS = 10_000;

// A JSON POST with a bearer key, the form most email and SMS provider APIs accept. The provider's
// answer body is never echoed: it may quote the message, which holds a code.
export async function postJson(config: HttpApiConfig, what: string, body: unknown): Promise<void> {
  const send = config.fetch ?? ((request: Request) => fetch(request));
  let response: Response;
  try {
    response = await send(
      new Request(config.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${config.key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      }),
    );
  } catch {
    throw new ApiError('delivery-failed', `The ${what} provider did not answer; try again shortly`);
  }
  await response.body?.cancel();
  if (!response.ok) throw new ApiError('delivery-failed', `The ${what} provider refused the message (HTTP ${response.status}); try again shortly`);
}
