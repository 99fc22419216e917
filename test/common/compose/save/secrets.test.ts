// Which env values Save as compose flags as secrets: by the name, by the value's shape, and what
// it leaves alone (paths, versions, words, URLs without a password, empty values).
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { secretReason, variableName } from '@common/compose/save/secrets'

describe('secret-looking env values', () => {
  it('flags names that say secret', () => {
    for (const key of ['POSTGRES_PASSWORD', 'DB_PASS', 'MYSQL_ROOT_PASSWORD', 'API_TOKEN', 'SECRET_KEY_BASE', 'AWS_SECRET_ACCESS_KEY', 'KEY', 'GITHUB_KEY', 'APIKEY', 'SMTP_CREDENTIALS', 'PRIVATE_PEM', 'AUTH_HEADER', 'passphrase'])
      assert.match(secretReason(key, 'x') ?? '', /its name/, key)
  })

  it('flags values shaped like keys and tokens, whatever the name', () => {
    const values = [
      '-----BEGIN RSA PRIVATE KEY-----\nMIIE…',
      'AKIAIOSFODNN7EXAMPLE',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'sk_live_abcdefghijklmnop',
      'xoxb-123456789012-abcdefghij',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'postgres://app:s3cret@db:5432/app',
      '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      'Zq4vT8mR2xW9kL3pN7bY5cH1',
    ]
    for (const value of values) assert.notEqual(secretReason('SETTING', value), null, value)
  })

  it('leaves ordinary values alone', () => {
    for (const value of ['', 'production', '/usr/local/bin:/usr/bin', '1.2.3', 'hello world', 'http://example.com/path', 'postgres://db:5432/app', 'keyboard', 'en_US.UTF-8', 'UPPERCASEONLYWORDSHERE12'])
      assert.equal(secretReason('SETTING', value), null, value)
    assert.equal(secretReason('KEYBOARD_LAYOUT', 'us'), null)
    assert.equal(secretReason('PASSWORD', ''), null, 'an empty value hides nothing')
  })

  it('names variables as Compose reads them', () => {
    assert.equal(variableName('db.password'), 'DB_PASSWORD')
    assert.equal(variableName('PASSWORD', 'web-2'), 'WEB_2_PASSWORD')
    assert.equal(variableName('1KEY'), '_1KEY')
  })
})
