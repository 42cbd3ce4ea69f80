import * as v from 'valibot';
import { TWO_FACTOR_RULES } from './limits.ts';
import { AuthKeySchema, EmailSchema, IdSchema } from './protocol.ts';
import { normalizeRecoveryCode } from './recovery-code.ts';

// Request and response bodies of two-factor sign-in (docs/api.md, "Two-factor sign-in"): the
// enrolment routes under /twofa and the second step of sign-in under /auth/signin. Same rules as
// protocol.ts: strict requests, open responses.

const R = TWO_FACTOR_RULES;

// A 6-digit code as people type it: spaces (as in "123 456") are dropped.
export const OtpCodeSchema = v.pipe(
  v.string('code must be a string'),
  v.maxLength(32, 'code is too long'),
  v.transform((code) => code.replace(/\s+/g, '')),
  v.regex(new RegExp(`^\\d{${R.codeDigits}}$`), `code must be ${R.codeDigits} digits`),
);

// Comes out canonical (10 lowercase characters, no hyphen): see recovery-code.ts.
export const RecoveryCodeSchema = v.pipe(
  v.string('code must be a string'),
  v.maxLength(4 * R.recoveryCodeLength, 'code is too long'),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const code = normalizeRecoveryCode(dataset.value);
    if (code === null) {
      addIssue({ message: `a recovery code is ${R.recoveryCodeLength} letters and digits, like 7kq2m-x9df0` });
      return NEVER;
    }
    return code;
  }),
);

// E.164 (ITU-T E.164 §6): "+", a country code that never starts with 0, at most 15 digits in all.
// Spaces, dots, hyphens and brackets that people write between groups are dropped first.
export const PhoneSchema = v.pipe(
  v.string('phone must be a string'),
  v.maxLength(40, 'phone is too long'),
  v.transform((phone) => phone.replace(/[\s().-]+/g, '')),
  v.regex(
    new RegExp(`^\\+[1-9]\\d{${R.phoneMinDigits - 1},${R.phoneMaxDigits - 1}}$`),
    `phone must be an international number: + then ${R.phoneMinDigits} to ${R.phoneMaxDigits} digits, like +447700900123`,
  ),
);

export const ENROLLABLE_METHODS = ['totp', 'email', 'sms'] as const;
export type EnrollableMethod = (typeof ENROLLABLE_METHODS)[number];
export const CODE_CHANNELS = ['email', 'sms'] as const;
export type CodeChannel = (typeof CODE_CHANNELS)[number];

// ---- enrolment (/twofa, authenticated) ----

const MethodState = v.picklist(['off', 'pending', 'on']);
const EnabledAt = v.nullable(v.number());

export const TwoFactorStatusSchema = v.object({
  // True when at least one method is on: new sign-ins then need a second factor.
  on: v.boolean(),
  methods: v.object({
    totp: v.object({ state: MethodState, enabledAt: EnabledAt }),
    email: v.object({ state: MethodState, enabledAt: EnabledAt, address: v.string() }),
    // The number being confirmed while pending, the confirmed one while on, null while off.
    sms: v.object({ state: MethodState, enabledAt: EnabledAt, phone: v.nullable(v.string()) }),
    recovery: v.object({ state: v.picklist(['off', 'on']), enabledAt: EnabledAt, remaining: v.number() }),
  }),
});

export const AuthenticatorEnrolmentSchema = v.object({
  // The 20-byte secret in base32 (RFC 4648 §6, unpadded), for typing into another app.
  secret: v.string(),
  // otpauth://totp/Tessera:<email>?secret=...&issuer=Tessera&algorithm=SHA1&digits=6&period=30
  uri: v.string(),
});

// Turning a method on proves the master password again (authKey, as at sign-in): it is the step
// that changes how the account is entered and hands out recovery codes, so a session token alone
// must not be enough (docs/api.md, "Turning a method on").
export const EnrolmentConfirmRequestSchema = v.strictObject({ code: OtpCodeSchema, authKey: AuthKeySchema });
export const SmsEnrolmentRequestSchema = v.strictObject({ phone: PhoneSchema });
export const PasswordProofRequestSchema = v.strictObject({ authKey: AuthKeySchema });

export const CodeSentResponseSchema = v.object({
  sent: v.literal(true),
  // Where it went: the email address, or the phone number with all but its last two digits hidden.
  to: v.string(),
  expiresAt: v.number(),
  resendAfterSeconds: v.number(),
});

export const TwoFactorChangeResponseSchema = v.object({
  twoFactor: TwoFactorStatusSchema,
  // Only when new codes were made (two-factor sign-in just turned on, or regenerated): shown
  // once, as `xxxxx-xxxxx`; the server keeps only keyed hashes of them.
  recoveryCodes: v.optional(v.array(v.string())),
});

// ---- the second step of sign-in (/auth/signin, unauthenticated) ----

const Attempt = { email: EmailSchema, attemptId: IdSchema };

export const SignInCodeRequestSchema = v.strictObject({
  ...Attempt,
  method: v.picklist(CODE_CHANNELS, 'method must be "email" or "sms"'),
});

export const SignInVerifyRequestSchema = v.variant(
  'method',
  [
    v.strictObject({ ...Attempt, method: v.picklist(ENROLLABLE_METHODS), code: OtpCodeSchema }),
    v.strictObject({ ...Attempt, method: v.literal('recovery'), code: RecoveryCodeSchema }),
  ],
  'method must be "totp", "email", "sms" or "recovery"',
);

export type TwoFactorStatus = v.InferOutput<typeof TwoFactorStatusSchema>;
export type AuthenticatorEnrolment = v.InferOutput<typeof AuthenticatorEnrolmentSchema>;
export type CodeSentResponse = v.InferOutput<typeof CodeSentResponseSchema>;
export type TwoFactorChangeResponse = v.InferOutput<typeof TwoFactorChangeResponseSchema>;
export type SignInCodeRequest = v.InferInput<typeof SignInCodeRequestSchema>;
export type SignInVerifyRequest = v.InferInput<typeof SignInVerifyRequestSchema>;
