// How the server reaches a person: an email or a text message. Registration codes use it now;
// two-factor sign-in (issue 6) adds sign-in codes and activity notices. A message holds only the
// code and what happened: never a device name, an address other than the recipient's, or a link.
export interface Message {
  to: string;
  subject: string;
  text: string;
}

export interface Sender {
  send(message: Message): Promise<void>;
}

export interface Notifier {
  email: Sender | null;
  sms: Sender | null;
}

export type SendFetch = (request: Request) => Promise<Response>;
