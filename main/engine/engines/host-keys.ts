// ssh host keys for ssh:// engines: what ssh-keyscan says a host's key is, and adding one the user
// accepted to the known_hosts their ssh reads. Berth never accepts a key on the user's behalf.
// (Placeholders until the ssh transport lands; each says so rather than guessing.)
import type { UnknownHostKey } from '@common/contract/engines'
import { EngineError } from '../errors'

const NOT_YET = 'Berth cannot reach engines over ssh yet: add this engine with the docker CLI ("docker context create") and use it there.'

/** The key the host at `host` (ssh://user@host[:port]) shows, as ssh-keyscan gives it. */
export async function scanHostKey(_host: string): Promise<UnknownHostKey> {
  throw new EngineError('invalid-input', NOT_YET)
}

/** Adds the key `host` shows to the user's known_hosts, if it still has this fingerprint. */
export async function acceptHostKey(_host: string, _fingerprint: string, _env?: NodeJS.ProcessEnv): Promise<void> {
  throw new EngineError('invalid-input', NOT_YET)
}

/** The host's key when the user's known_hosts does not have it yet (to show and accept); null when ssh knows it. */
export async function unknownHostKey(host: string, _env?: NodeJS.ProcessEnv): Promise<UnknownHostKey | null> {
  return scanHostKey(host)
}
