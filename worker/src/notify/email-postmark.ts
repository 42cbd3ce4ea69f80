import type { Message, Sender } from './notifier.ts';
import { sendToProvider } from './provider-request.ts';

// Postmark, "Send a single email": POST https://api.postmarkapp.com/email,
// `X-Postmark-Server-Token: <server token>`, `Accept` and `Content-Type: application/json`,
// JSON `{ From, To, Subject, TextBody, MessageStream }`. `From` must be a confirmed sender
// signature or on a verified domain; "outbound" is the server's default transactional stream.
export const POSTMARK_URL = 'https://api.postmarkapp.com/email';

export function postmarkSender(config: { key: string; from: string; url?: string }): Sender {
  return {
    send: (message: Message) =>
      sendToProvider(
        'email',
        new Request(config.url ?? POSTMARK_URL, {
          method: 'POST',
          headers: {
            'x-postmark-server-token': config.key,
            accept: 'application/json',
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            From: config.from,
            To: message.to,
            Subject: message.subject,
            TextBody: message.text,
            MessageStream: 'outbound',
          }),
        }),
      ),
  };
}
