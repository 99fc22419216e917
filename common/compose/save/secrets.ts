// Which env values of a saved container look like secrets: by the variable's name (PASSWORD,
// TOKEN…) or by the value's shape (a private key, a cloud key id, a JWT, a URL with a password, a
// long random string). A flagged value is written to the compose file only when the user keeps it;
// otherwise as `${VARIABLE}`, for a .env file beside it.

/** Words in a variable's name that mean its value is a secret. */
const SECRET_NAME = /(PASS(WORD|WD|PHRASE)?|SECRET|TOKEN|(^|_)KEY($|_)|APIKEY|CREDENTIAL|PRIVATE|(^|_)AUTH|SIGNATURE|SALT|COOKIE|SESSION)/i

/** Shapes of values that are secrets whatever their name. */
const SECRET_VALUES: { pattern: RegExp; what: string }[] = [
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key' },
  { pattern: /^(AKIA|ASIA)[0-9A-Z]{16}$/, what: 'an AWS access key id' },
  { pattern: /^(ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}$/, what: 'a GitHub token' },
  { pattern: /^(sk|pk|rk)_(live|test)_[A-Za-z0-9]{10,}$/, what: 'an API key' },
  { pattern: /^sk-[A-Za-z0-9_-]{20,}$/, what: 'an API key' },
  { pattern: /^xox[abpors]-[A-Za-z0-9-]{10,}$/, what: 'a Slack token' },
  { pattern: /^eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*$/, what: 'a JSON web token' },
  { pattern: /^[a-z][a-z0-9+.-]*:\/\/[^/:@\s]+:[^/@\s]+@/i, what: 'a URL with a password' },
]

/** Why `value` of variable `key` looks like a secret, or null. Empty values are nothing to hide. */
export function secretReason(key: string, value: string): string | null {
  if (value === '') return null
  if (SECRET_NAME.test(key)) return 'its name says it is a secret'
  for (const { pattern, what } of SECRET_VALUES) if (pattern.test(value)) return `its value looks like ${what}`
  if (looksRandom(value)) return 'its value looks like a random key'
  return null
}

/**
 * A long run of letters and digits mixing cases and digits with no spaces or path separators: the
 * shape of generated keys (hex ids of 32+ characters too), not of words, paths or versions.
 */
function looksRandom(value: string): boolean {
  if (value.length < 24 || /[\s/\\.:]/.test(value)) return false
  if (/^[0-9a-f]{32,}$/i.test(value)) return true
  if (!/^[A-Za-z0-9+=_-]+$/.test(value)) return false
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((k) => k.test(value)).length
  return kinds === 3
}

/** A compose variable name (`[A-Za-z_][A-Za-z0-9_]*`) from an env key and, when two differ, the service's. */
export function variableName(key: string, service?: string): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase()
  const name = service ? `${clean(service)}_${clean(key)}` : clean(key)
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`
}
