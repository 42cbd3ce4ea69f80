// The emergency sheet as a text file: the key, the date, and what to do with it. Plain ASCII so
// it prints and reads the same anywhere.
export function emergencySheetText(recoveryKey: string, madeOn: Date): string {
  return [
    'TESSERA EMERGENCY SHEET',
    '',
    `Recovery key: ${recoveryKey}`,
    `Made on:      ${madeOn.toISOString().slice(0, 10)}`,
    '',
    'If you forget your master password:',
    '  1. Open Tessera on your device and choose "Forgot password?" on the unlock screen.',
    '  2. Type this recovery key and choose a new master password. No network is needed.',
    '',
    'Keep this sheet private and apart from your device: anyone who has this key and your',
    'device or a backup of it can open your vault. Making a new recovery key in Tessera',
    '(Settings, Recovery key) makes this one useless.',
    '',
  ].join('\n');
}
