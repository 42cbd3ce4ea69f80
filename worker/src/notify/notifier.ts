// How the server reaches a person: an email or a text message, for registration and sign-in
// codes and for account activity notices (messages.ts). A message holds only the code and what
// happened: never a link, an IP address, or an address other than the recipient's. The one text
// a message carries that someone else chose is the device name in a new-sign-in notice, quoted,
// because that is how the owner recognises (or does not) the device (docs/api.md, "Notices").
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
