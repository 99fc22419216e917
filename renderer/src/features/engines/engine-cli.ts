// The `docker context …` lines the Engines page shows. Contexts are the CLI's own configuration, not
// an engine's: these lines never carry `--context`.
import type { AddEngineInput } from '@common/contract/engines'
import { shellLine } from '../../shared/cli'

/** `docker context create NAME [--description …] --docker host=…[,ca=…,cert=…,key=…]`, as typed so far. */
export function addEngineLine(input: AddEngineInput): string {
  const tls = input.tls ?? {}
  const fields = [`host=${input.host || 'HOST'}`, ...(['ca', 'cert', 'key'] as const).filter((k) => tls[k]).map((k) => `${k}=${tls[k]}`)]
  const description = input.description ? ['--description', input.description] : []
  return shellLine('docker', 'context', 'create', input.name || 'NAME', ...description, '--docker', fields.join(','))
}

export const useContextLine = (name: string): string => shellLine('docker', 'context', 'use', name)
export const removeContextLine = (name: string): string => shellLine('docker', 'context', 'rm', name)
