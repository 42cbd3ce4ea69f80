import type { Message, Sender } from './notifier.ts';
import { sendToProvider } from './provider-request.ts';

// Resend, "Send Email": POST https://api.resend.com/emails, `Authorization: Bearer <API key>`,
// JSON `{ from, to, subject, text }`. `from` must be on a domain verified in Resend.
export const RESEND_URL = 'https://api.resend.com/emails';

export function resendSender(config: { key: string; from: string; url?: string }): Sender {
  return {
    send: (message: Message) =>
      sendToProvider(
        'email',
        new Request(config.url ?? RESEND_URL, {
          method: 'POST',
          headers: { authorization: `Bearer ${config.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ from: config.from, to: message.to, subject: message.subject, text: message.text }),
        }),
      ),
  };
}
