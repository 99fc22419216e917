// The docker command lines the networks pages show beside each action, from the same input the
// action sends: what the window does, typed in a terminal.
import { cliLine } from '../../shared/cli'
import type { CreateNetworkInput } from '@common/contract/networks'

export function createNetworkCli(input: CreateNetworkInput): string {
  const words = ['docker', 'network', 'create']
  if (input.driver && input.driver !== 'bridge') words.push('--driver', input.driver)
  if (input.subnet) words.push('--subnet', input.subnet)
  if (input.gateway) words.push('--gateway', input.gateway)
  // The CLI asks for --ipv6 with an IPv6 subnet; Berth sets it from the subnet.
  if (input.subnet?.includes(':')) words.push('--ipv6')
  if (input.internal) words.push('--internal')
  for (const [key, value] of Object.entries(input.labels ?? {})) words.push('--label', `${key}=${value}`)
  return cliLine(...words, input.name)
}

export const connectCli = (network: string, container: string, aliases: string[] = []): string =>
  cliLine('docker', 'network', 'connect', ...aliases.flatMap((a) => ['--alias', a]), network, container)

export const disconnectCli = (network: string, container: string): string => cliLine('docker', 'network', 'disconnect', network, container)
export const removeNetworkCli = (network: string): string => cliLine('docker', 'network', 'rm', network)
export const inspectNetworkCli = (network: string): string => cliLine('docker', 'network', 'inspect', network)
export const pruneNetworksCli = (): string => cliLine('docker', 'network', 'prune')
