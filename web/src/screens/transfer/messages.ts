import { isTesseraError } from '@tessera/core/errors';
import { TransferError } from '@tessera/core/transfer/errors';
import { describeProblem } from '../../add/messages.ts';
import { formatName } from './names.ts';

// What the user reads when a file cannot be imported or an export cannot be made: a sentence in
// their words, and core's own text as the detail, because it names the field, entry or limit.
// docs/import-export.md ("Errors") says what each code means; docs/web-transfer.md lists these.

export interface TransferProblem {
  message: string;
  detail: string | null;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function withArticle(name: string): string {
  return `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
}

function theFile(error: TransferError): string {
  return error.format === null ? 'This file' : `This ${formatName(error.format)}`;
}

function forTransfer(error: TransferError): string {
  switch (error.code) {
    case 'password-required':
      return `${theFile(error)} is encrypted: enter the password it was exported with.`;
    case 'wrong-password':
      return 'That password does not open the file. Check it (capitals, spaces) and try again.';
    case 'unknown-format':
      return 'Tessera could not tell what kind of export this is. If you know which app made it, choose it below.';
    case 'unsupported-version':
      return error.format === 'tessera-backup'
        ? 'This backup was made by a newer version of Tessera. Update Tessera, then import it again.'
        : `${theFile(error)} was written by a version of its app that Tessera cannot read yet.`;
    case 'unsupported-encryption':
      return `${theFile(error)} is encrypted in a way that cannot be opened here.`;
    case 'account-restricted':
      return 'This Bitwarden export is locked to your Bitwarden account. In Bitwarden, export again as “Password protected” or as plain JSON.';
    case 'too-large':
      return 'This file is too large to be an authenticator export, so it was not read.';
    case 'malformed':
      return `${theFile(error)} is damaged or cut short, so nothing was imported. Export it again from its app.`;
    case 'kdf-params':
      return `${theFile(error)} asks for encryption settings outside safe limits: it is damaged or was made to attack this device. Nothing was imported.`;
    case 'kdf-budget':
      return `${theFile(error)} asks for far more password checks than any real export: it is damaged or was made to attack this device. Nothing was imported.`;
    case 'kdf-failed':
      return 'This device could not decrypt the file (not enough memory for its encryption settings). Try on a computer.';
    case 'export-unsupported':
      return 'This export could not be made.';
    default:
      return `This file is not ${error.format === null ? 'a format Tessera reads' : withArticle(formatName(error.format))}. If you know which app made it, choose it below.`;
  }
}

export function describeTransferProblem(error: unknown): TransferProblem {
  if (error instanceof TransferError) {
    const detail = sentence(error.message);
    const message = forTransfer(error);
    // Detection's own text only repeats the sentence; elsewhere core's text names the cause.
    return { message, detail: detail === '' || error.code === 'unknown-format' ? null : detail };
  }
  if (isTesseraError(error, 'transfer-worker')) return { message: sentence(error.message), detail: null };
  // Add flow errors (a picture without a QR code) and OTP errors have their own sentences.
  return describeProblem(error);
}

/** Whether choosing the format by hand can help: detection found none, or not the right one. */
export function offersFormatChoice(error: unknown): boolean {
  return error instanceof TransferError && (error.code === 'unknown-format' || error.code.startsWith('not-'));
}

// Why one entry of a file did not come through, by its code (core's ImportProblem.code), in the
// user's words; core's own reason (which names the field or character) is the fallback, made a
// sentence, for codes without words here and for reasons core already words plainly (an mOTP
// entry: "mOTP codes are not supported: Tessera makes TOTP, HOTP and Steam codes").
const PROBLEM_WORDS: Readonly<Partial<Record<string, string>>> = {
  'base32-invalid': 'The secret key has a character a setup key cannot have, so no code can be made from it.',
  'invalid-secret': 'The secret key cannot be used, so no code can be made from it.',
  'missing-secret': 'The entry has no secret key, so no code can be made from it.',
  'unsupported-algorithm': 'The code uses an algorithm Tessera does not support (SHA-1, SHA-256 and SHA-512 only).',
  'digits-out-of-range': 'The code has a number of digits Tessera does not support (6 to 8; 5 for Steam).',
  'period-out-of-range': 'The code changes at an interval Tessera does not support.',
  'invalid-counter': 'The counter of this counter-based code is not a whole number.',
  'missing-counter': 'This counter-based code has no counter value.',
  'malformed-entry': 'The entry is damaged: it is not in the shape the format writes.',
};

export function problemWords(problem: { code: string; reason: string }): string {
  const words = PROBLEM_WORDS[problem.code];
  if (words !== undefined) return words;
  // A name spelled with its own capitals ("mOTP") keeps them; other reasons start a sentence.
  return /^\p{Ll}+\p{Lu}/u.test(problem.reason)
    ? sentence(problem.reason).replace(/^./, problem.reason[0]!)
    : sentence(problem.reason);
}
