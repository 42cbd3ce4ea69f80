// Codes are read aloud or typed from another screen: groups of three (six digits) or four
// (eight) are what people can hold in short-term memory. Steam codes are letters and are shown
// as Steam shows them, in one piece.
export function groupCode(code: string): string {
  if (!/^\d+$/.test(code) || code.length < 6) return code;
  const size = code.length % 3 === 0 ? 3 : code.length % 4 === 0 ? 4 : 3;
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += size) groups.push(code.slice(i, i + size));
  return groups.join(' ');
}

/** What a screen reader says: digits one by one, so "123456" is not read as a number. */
export function spokenCode(code: string): string {
  return code.split('').join(' ');
}
