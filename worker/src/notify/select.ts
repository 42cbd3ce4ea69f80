import { type Env, isDevMode } from '../env.ts';
import { httpEmailSender } from './email-api.ts';
import type { Notifier } from './notifier.ts';
import { outboxSender } from './outbox.ts';
import { httpSmsSender } from './sms-api.ts';

// DEV_MODE always uses the dev outbox, even when provider secrets are present (say in a local
// .dev.vars), so running the app or the tests locally never mails anyone. Otherwise each channel
// is on when its three settings are; a missing one leaves it off, and a route that needs it
// answers 503 server-misconfigured.
export function notifierFor(env: Env): Notifier {
  if (isDevMode(env)) return { email: outboxSender(env, 'email'), sms: outboxSender(env, 'sms') };
  return {
    email:
      env.EMAIL_API_URL && env.EMAIL_API_KEY && env.EMAIL_FROM
        ? httpEmailSender({ url: env.EMAIL_API_URL, key: env.EMAIL_API_KEY, from: env.EMAIL_FROM })
        : null,
    sms:
      env.SMS_API_URL && env.SMS_API_KEY && env.SMS_FROM ? httpSmsSender({ url: env.SMS_API_URL, key: env.SMS_API_KEY, from: env.SMS_FROM }) : null,
  };
}
