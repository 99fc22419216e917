// The registry an image reference lives in, and the docker login and logout lines. Apart from the
// store, which the sidebar's count brings into the window's first chunks: the reference parser (main's,
// and the CLI's rules) loads with the dialogs and the page that need it.
import { DOCKER_HUB, parseImageReference, splitRegistry } from '@common/reference'
import { cliLine, shellWord } from '../../shared/cli'

/** `docker login -u me localhost:5000`; Docker Hub needs no address. The password is never part of it. */
export function loginCli(registry: string, username: string): string {
  const host = registry.trim() && registry.trim() !== DOCKER_HUB ? ` ${registry.trim()}` : ''
  return `docker login -u ${username.trim() ? shellWord(username.trim()) : '…'}${host && ` ${shellWord(host.trim())}`}`
}

export function logoutCli(registry: string): string {
  return registry === DOCKER_HUB ? 'docker logout' : cliLine('docker', 'logout', registry)
}

/** The registry a reference lives in, decided by the same parser main uses (and the CLI's rules). */
export function registryOf(reference: string): string {
  const parsed = parseImageReference(reference)
  return parsed.ok ? parsed.value.registry : splitRegistry(reference.trim()).registry
}
