// The authenticator's setup key as people read it off one screen and type it into another:
// groups of four characters (32 base32 characters make 8 groups), the way authenticator apps and
// most sites print it. Copying gives the key without spaces, which every app accepts.
const GROUP = 4;

export function setupKeyGroups(secret: string): string[] {
  const key = secret.replace(/[\s=]+/g, '').toUpperCase();
  const groups: string[] = [];
  for (let at = 0; at < key.length; at += GROUP) groups.push(key.slice(at, at + GROUP));
  return groups;
}

/** The key as one line, grouped: "BMYF K6U7 YTUQ ...". */
export function formatSetupKey(secret: string): string {
  return setupKeyGroups(secret).join(' ');
}
