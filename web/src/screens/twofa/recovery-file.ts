// The text of the recovery-codes file the user downloads or copies: the codes, and enough around
// them that someone finding the file in a year knows what they are and how to use them.
export function recoveryCodesText(codes: readonly string[], email: string, madeAt: Date): string {
  return [
    `Tessera recovery codes for ${email}`,
    `Made ${madeAt.toISOString().slice(0, 10)}. Making new codes voids all of these.`,
    '',
    ...codes.map((code, at) => `${String(at + 1).padStart(2, ' ')}. ${code}`),
    '',
    'Each code signs in once, in place of the authenticator app, email or text-message code.',
    'Keep this file somewhere only you can reach, away from this device.',
    '',
  ].join('\n');
}

/** "tessera-recovery-codes-2026-11-22.txt" */
export function recoveryCodesFileName(madeAt: Date): string {
  return `tessera-recovery-codes-${madeAt.toISOString().slice(0, 10)}.txt`;
}
