// `docker build …` for a build request, as a user would paste it, build-arg values included. An
// arg the user marked secret is named without its value: `--build-arg TOKEN` is itself valid, and
// the CLI then takes the value from the environment.
import type { BuildRequest } from '@common/contract/build'
import { cliLine } from '../../shared/cli'

/** `secret`: the names of the args whose values the line leaves out. */
export function buildCli(request: BuildRequest, secret: readonly string[] = []): string {
  const words: string[] = []
  if (request.dockerfile && request.dockerfile !== 'Dockerfile') words.push('-f', joinPath(request.folder, request.dockerfile))
  for (const tag of request.tags) if (tag.trim()) words.push('-t', tag.trim())
  for (const arg of request.buildArgs) {
    const name = arg.name.trim()
    if (name) words.push('--build-arg', secret.includes(name) ? name : `${name}=${arg.value}`)
  }
  if (request.target) words.push('--target', request.target)
  if (request.noCache) words.push('--no-cache')
  if (request.pull) words.push('--pull')
  if (request.network) words.push(`--network=${request.network}`)
  const prefix = request.builder === 'classic' ? 'DOCKER_BUILDKIT=0 ' : 'DOCKER_BUILDKIT=1 '
  return prefix + cliLine('docker', 'build', ...words, request.folder || '.')
}

/** The CLI reads -f from the current folder, not the context's: the line names it from the folder. */
function joinPath(folder: string, file: string): string {
  if (/^([A-Za-z]:)?[\\/]/.test(file) || !folder) return file
  return `${folder.replace(/[\\/]+$/, '')}/${file}`
}

/** What the line leaves out, said once beside it, or null. */
export function secretNote(secret: readonly string[]): string | null {
  if (!secret.length) return null
  const names = secret.join(', ')
  return `The line leaves out the value of ${names} (marked secret): docker build takes ${secret.length === 1 ? 'it' : 'them'} from the environment, so set ${names} there before pasting it.`
}
