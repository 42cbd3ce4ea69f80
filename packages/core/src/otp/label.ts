/**
 * The label rule shared by otpauth:// URIs and Google Authenticator export entries (Google's Key
 * Uri Format, "Label"): `Issuer:account`, the issuer prefix optional, spaces after the colon
 * allowed. An explicit issuer (the `issuer` parameter or the export's issuer field) wins over the
 * prefix; when it is given, the prefix is dropped from the account whatever it says.
 */
export function splitLabel(label: string, explicitIssuer = ''): { issuer: string; account: string } {
  const issuer = explicitIssuer.trim();
  if (issuer !== '') {
    if (label.startsWith(`${issuer}:`)) return { issuer, account: label.slice(issuer.length + 1).trim() };
    const colon = label.indexOf(':');
    return { issuer, account: (colon < 0 ? label : label.slice(colon + 1)).trim() };
  }
  const colon = label.indexOf(':');
  if (colon < 0) return { issuer: '', account: label.trim() };
  return { issuer: label.slice(0, colon).trim(), account: label.slice(colon + 1).trim() };
}

/**
 * The inverse of splitLabel for writers that also store the issuer on its own: the bare account
 * when that reads back the same, otherwise `issuer:account` (an account with a colon in it needs
 * the prefix, even an empty one, so the colon is not taken for the separator).
 */
export function labelName(issuer: string, account: string): string {
  return account.includes(':') ? `${issuer}:${account}` : account;
}
