// The run dialog's collapsed groups of flags (common/run/flags.ts), in the order a user looks for them.
import type { FlagGroup } from '@common/run/flags'

export const FLAG_GROUPS: readonly { group: FlagGroup; title: string; teach?: string }[] = [
  { group: 'network', title: 'Host name, DNS and network', teach: '--network-alias and --ip need a network of your own (--network NAME); other containers on it reach this one by its aliases.' },
  { group: 'limits', title: 'Memory, CPU and process limits', teach: 'Sizes as the CLI takes them (512m, 1g). Without limits the container may use all the host has.' },
  { group: 'security', title: 'Security, devices and namespaces' },
  { group: 'process', title: 'Init, stop and health check', teach: 'The health command runs inside the container, in its shell; durations as 30s, 1m30s, 500ms.' },
  { group: 'other', title: 'Mounts, env and label files, logging, platform', teach: '--env-file and --label-file name files on this machine, read when the container is made, as the CLI reads them.' },
]
