import type { Message, Sender } from './notifier.ts';
import { basicAuth, sendToProvider } from './provider-request.ts';

// Twilio, "Create a Message": POST https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Messages.json,
// HTTP Basic with the Account SID and Auth Token, form-encoded `To`, `From`, `Body` (numbers in
// E.164, `From` a Twilio number of the account). An SMS has no subject: only the text goes.
export function twilioUrl(accountSid: string): string {
  return `https://api.twilio.com/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
}

export function twilioSender(config: { account: string; key: string; from: string; url?: string }): Sender {
  return {
    send: (message: Message) =>
      sendToProvider(
        'SMS',
        new Request(config.url ?? twilioUrl(config.account), {
          method: 'POST',
          headers: {
            authorization: basicAuth(config.account, config.key),
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ To: message.to, From: config.from, Body: message.text }).toString(),
        }),
      ),
  };
}
