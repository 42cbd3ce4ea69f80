import { type Env, isDevMode } from '../env.ts';
import { postmarkSender } from './email-postmark.ts';
import { resendSender } from './email-resend.ts';
import type { Notifier, Sender } from './notifier.ts';
import { outboxSender } from './outbox.ts';
import { twilioSender } from './sms-twilio.ts';
import { vonageSender } from './sms-vonage.ts';

export const EMAIL_PROVIDERS = ['resend', 'postmark'] as const;
export const SMS_PROVIDERS = ['twilio', 'vonage'] as const;

// EMAIL_PROVIDER names the email API (Resend when unset, the shape this setting had before it
// could name another); EMAIL_API_URL replaces the provider's address (a regional endpoint, or a
// local stand-in in tests).
function emailSender(env: Env): Sender | null {
  const { EMAIL_API_KEY: key, EMAIL_FROM: from, EMAIL_API_URL: url } = env;
  if (!key || !from) return null;
  switch (env.EMAIL_PROVIDER ?? 'resend') {
    case 'resend':
      return resendSender({ key, from, url });
    case 'postmark':
      return postmarkSender({ key, from, url });
    default:
      return null;
  }
}

// SMS_PROVIDER names the SMS API; SMS_ACCOUNT is Twilio's Account SID or Vonage's API key, and
// SMS_API_KEY the matching Auth Token or API secret.
function smsSender(env: Env): Sender | null {
  const { SMS_ACCOUNT: account, SMS_API_KEY: key, SMS_FROM: from, SMS_API_URL: url } = env;
  if (!account || !key || !from) return null;
  switch (env.SMS_PROVIDER) {
    case 'twilio':
      return twilioSender({ account, key, from, url });
    case 'vonage':
      return vonageSender({ account, key, from, url });
    default:
      return null;
  }
}

// DEV_MODE always uses the dev outbox, even when provider secrets are present (say in a local
// .dev.vars), so running the app or the tests locally never mails anyone. Otherwise a channel is
// on when its settings are complete and name a known provider; otherwise it is off, and a route
// that needs it answers 503 server-misconfigured.
export function notifierFor(env: Env): Notifier {
  if (isDevMode(env)) return { email: outboxSender(env, 'email'), sms: outboxSender(env, 'sms') };
  return { email: emailSender(env), sms: smsSender(env) };
}
