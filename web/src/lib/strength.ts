// A small password strength estimate in the spirit of zxcvbn, without its 800 kB of word lists:
// entropy from the character classes used, minus what common patterns give away (repeats,
// sequences, keyboard rows, well-known passwords and years). It errs on the side of "weak".
export type StrengthLevel = 0 | 1 | 2 | 3 | 4;

export interface Strength {
  level: StrengthLevel;
  bits: number;
  label: string;
  hint: string;
}

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

// The most common passwords and fragments (public breach-corpus toplists); matching one of these
// inside a password makes that part worth almost nothing.
const COMMON = [
  'password', 'passw0rd', 'qwerty', 'azerty', 'letmein', 'welcome', 'admin', 'login', 'iloveyou',
  'monkey', 'dragon', 'master', 'sunshine', 'princess', 'football', 'baseball', 'shadow',
  'superman', 'trustno1', 'hello', 'secret', 'abc123', 'starwars', 'whatever', 'freedom',
  'tessera', 'changeme', 'default', 'access', 'batman', 'charlie', 'michael', 'jordan',
];
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890', 'azertyuiop', 'qwertzuiop'];

function poolSize(password: string): number {
  let pool = 0;
  if (/[a-z]/.test(password)) pool += 26;
  if (/[A-Z]/.test(password)) pool += 26;
  if (/\d/.test(password)) pool += 10;
  if (/[ -/:-@[-`{-~]/.test(password)) pool += 33;
  if (/[^\x00-\x7f]/.test(password)) pool += 100;
  return Math.max(pool, 1);
}

/** Characters that carry (almost) no information: runs, sequences, rows, common words, years. */
function predictableChars(lower: string): number {
  const covered = new Array<boolean>(lower.length).fill(false);
  const mark = (from: number, to: number) => { for (let i = from; i < to; i++) covered[i] = true; };
  for (const word of COMMON) {
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) mark(at, at + word.length);
  }
  for (const match of lower.matchAll(/(19|20)\d\d/g)) mark(match.index, match.index + 4);
  // Runs of one character and alphabetical or numeric sequences of 3 or more ("aaa", "abc", "987").
  for (let from = 0; from < lower.length; ) {
    let to = from + 1;
    const step = lower.charCodeAt(from + 1) - lower.charCodeAt(from);
    if (Math.abs(step) <= 1) {
      while (to < lower.length && lower.charCodeAt(to) - lower.charCodeAt(to - 1) === step) to++;
    }
    if (to - from >= 3) mark(from, to);
    from = to > from + 1 ? to : from + 1;
  }
  // Keyboard rows walked in either direction ("qwerty", "lkjh").
  const rows = ROWS.flatMap((row) => [row, [...row].reverse().join('')]);
  for (let from = 0; from < lower.length; from++) {
    for (let to = lower.length; to - from >= 3; to--) {
      const piece = lower.slice(from, to);
      if (rows.some((row) => row.includes(piece))) { mark(from, to); break; }
    }
  }
  return covered.filter(Boolean).length;
}

export function estimateStrength(password: string): Strength {
  const length = [...password].length;
  if (length === 0) return { level: 0, bits: 0, label: LABELS[0], hint: 'Choose a long passphrase only you know.' };
  const lower = password.toLowerCase();
  const predictable = Math.min(predictableChars(lower), length);
  const unique = new Set(password).size;
  const perChar = Math.log2(poolSize(password));
  // Predictable characters still add a little (which word, which year), about 1 bit each; a
  // password of few distinct characters is capped by how many it uses.
  let bits = (length - predictable) * perChar + predictable;
  bits = Math.min(bits, length * Math.log2(Math.max(unique, 2)) + predictable);
  const level: StrengthLevel = bits < 28 ? 0 : bits < 40 ? 1 : bits < 56 ? 2 : bits < 72 ? 3 : 4;
  const hint =
    predictable > length / 2 ? 'It is mostly a common word, sequence or date: add unrelated words.'
    : length < 12 ? 'Longer is stronger: aim for 14 characters or four random words.'
    : level < 3 ? 'Add another unrelated word or some symbols.'
    : level === 3 ? 'Good. One more word makes it very strong.'
    : 'Excellent.';
  return { level, bits: Math.round(bits), label: LABELS[level], hint };
}
