// The two string formats Kargo's step schemas use, checked as gojsonschema
// does: a URI needs a scheme and no backslash; an email is an RFC 5322 address.

function isUri(value: string): boolean {
  if (value.includes('\\')) return false;
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && URL.canParse(value);
}

function isEmail(value: string): boolean {
  // Go's net/mail also accepts `Name <addr>`; the bare form is what configs use.
  const address = /<([^<>]+)>\s*$/.exec(value)?.[1] ?? value;
  return /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/.test(address.trim());
}

export const configFormats = { uri: isUri, email: isEmail };
