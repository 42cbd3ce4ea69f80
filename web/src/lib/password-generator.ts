// Generated passwords draw every character with rejection sampling from crypto.getRandomValues,
// so each character of the chosen sets is equally likely (no modulo bias), and include at least
// one character of every chosen set (some sites insist).
export interface GeneratorOptions {
  length: number;
  lower: boolean;
  upper: boolean;
  digits: boolean;
  symbols: boolean;
}

export const GENERATOR_DEFAULTS: GeneratorOptions = {
  length: 20,
  lower: true,
  upper: true,
  digits: true,
  symbols: true,
};
export const GENERATOR_MIN_LENGTH = 8;
export const GENERATOR_MAX_LENGTH = 128;

// Look-alikes (l/1/I, O/0) are left out: generated passwords get typed on phones and TVs.
const SETS = {
  lower: 'abcdefghijkmnopqrstuvwxyz',
  upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  digits: '23456789',
  symbols: '!#$%&*+-=?@^_~.:,;',
} as const;

type Random = (bytes: Uint8Array<ArrayBuffer>) => void;

function randomIndex(size: number, random: Random): number {
  // Largest multiple of `size` that fits in 32 bits: values at or above it are drawn again.
  const limit = Math.floor(0x1_0000_0000 / size) * size;
  const word = new Uint8Array(4);
  for (;;) {
    random(word);
    const value = ((word[0]! << 24) | (word[1]! << 16) | (word[2]! << 8) | word[3]!) >>> 0;
    if (value < limit) return value % size;
  }
}

export function generatePassword(
  options: GeneratorOptions,
  random: Random = (bytes) => crypto.getRandomValues(bytes),
): string {
  const chosen = (Object.keys(SETS) as (keyof typeof SETS)[]).filter((name) => options[name]).map((name) => SETS[name]);
  if (chosen.length === 0) throw new RangeError('choose at least one set of characters');
  const length = Math.min(
    Math.max(Math.trunc(options.length), GENERATOR_MIN_LENGTH, chosen.length),
    GENERATOR_MAX_LENGTH,
  );
  const all = chosen.join('');
  const chars = chosen.map((set) => set[randomIndex(set.length, random)]!);
  while (chars.length < length) chars.push(all[randomIndex(all.length, random)]!);
  // Fisher–Yates, so the guaranteed characters are not always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1, random);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
