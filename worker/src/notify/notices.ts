import type { Env } from '../env.ts';
import type { Message } from './notifier.ts';
import { notifierFor } from './select.ts';

// Activity notices are best effort: the sign-in or change they report has already happened, so
// a provider that is down or missing must not turn it into an error. The message itself is
// never logged (it may name a device); only that one was lost.
export async function sendNotice(env: Env, message: Message): Promise<void> {
  const mail = notifierFor(env).email;
  if (mail === null) return;
  try {
    await mail.send(message);
  } catch (err) {
    console.error(`tessera: a notice could not be delivered: ${(err as Error).name}`);
  }
}
