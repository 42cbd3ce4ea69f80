import type { Message, Sender } from './notifier.ts';
import { type HttpApiConfig, postJson } from './post-json.ts';

// SMS: `{ from, to, text }` with `to` in E.164; an SMS has no subject, so only the text goes.
// Configured by SMS_API_URL, SMS_API_KEY and SMS_FROM.
export function httpSmsSender(config: HttpApiConfig): Sender {
  return {
    send: (message: Message) => postJson(config, 'SMS', { from: config.from, to: message.to, text: message.text }),
  };
}
