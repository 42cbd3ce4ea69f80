import type { Message, Sender } from './notifier.ts';
import { basicAuth, sendToProvider } from './provider-request.ts';

// Vonage SMS API, "Send an SMS": POST https://rest.nexmo.com/sms/json, HTTP Basic with the API
// key and secret, form-encoded `from`, `to`, `text`. `to` is E.164 without the leading "+".
// Vonage answers 200 even to a message it refused: each part's `status` is "0" only when sent.
export const VONAGE_URL = 'https://rest.nexmo.com/sms/json';

async function allPartsSent(response: Response): Promise<boolean> {
  const body = (await response.json()) as { messages?: { status?: unknown }[] };
  return Array.isArray(body.messages) && body.messages.length > 0 && body.messages.every((part) => part.status === '0');
}

export function vonageSender(config: { account: string; key: string; from: string; url?: string }): Sender {
  return {
    send: (message: Message) =>
      sendToProvider(
        'SMS',
        new Request(config.url ?? VONAGE_URL, {
          method: 'POST',
          headers: {
            authorization: basicAuth(config.account, config.key),
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({
            from: config.from,
            to: message.to.replace(/^\+/, ''),
            text: message.text,
          }).toString(),
        }),
        allPartsSent,
      ),
  };
}
