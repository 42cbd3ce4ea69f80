import type { Message, Sender } from './notifier.ts';
import { type HttpApiConfig, postJson } from './post-json.ts';

// Email: `{ from, to, subject, text }` (the shape of Resend's POST /emails, among others).
// Configured by EMAIL_API_URL, EMAIL_API_KEY and EMAIL_FROM.
export function httpEmailSender(config: HttpApiConfig): Sender {
  return {
    send: (message: Message) => postJson(config, 'email', { from: config.from, to: message.to, subject: message.subject, text: message.text }),
  };
}
