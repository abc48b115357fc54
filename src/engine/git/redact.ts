// Masks credentials in text that may reach a user: every given secret, and the
// password part of any URL's userinfo (`https://user:pass@host` → `https://user:***@host`).

const MASK = '***';
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]+@/gi;

export function redactText(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (secret) redacted = redacted.split(secret).join(MASK);
  }
  return redacted.replace(URL_PASSWORD, `$1${MASK}@`);
}
