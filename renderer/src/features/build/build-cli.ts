// `docker build …` for a build request, as a user would paste it. Build-arg values are often
// secrets, so the line names each arg without its value: `--build-arg TOKEN` is itself valid, and
// the CLI then takes the value from the environment.
import type { BuildRequest } from '@common/contract/build'
import { cliLine } from '../../shared/cli'

export function buildCli(request: BuildRequest): string {
  const words: string[] = []
  if (request.dockerfile && request.dockerfile !== 'Dockerfile') words.push('-f', joinPath(request.folder, request.dockerfile))
  for (const tag of request.tags) if (tag.trim()) words.push('-t', tag.trim())
  for (const arg of request.buildArgs) if (arg.name.trim()) words.push('--build-arg', arg.name.trim())
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
