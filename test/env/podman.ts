// A private Podman API service (`podman system service`), Podman's Docker-compatible engine, set up
// like the private dockerd: everything under one temp dir, no network but none, stopped by its pid.
// Podman runs containers under conmon, which outlives the service: destroy() removes them with the
// podman CLI on the same root, so nothing it started is left running.
import { execFile } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { daemonControl } from './daemon'

// runc and cgroupfs: crun refuses this sandbox's cgroup setup; the default rlimits are refused too.
// Events to a file (no journald here); containers get no network unless asked, as with our dockerd.
const CONTAINERS_CONF = `[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
netns = "none"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
`

// Docker speaks plain http to registries on 127.0.0.0/8 by default; Podman only to those listed as
// insecure. The test registries listen on 127.0.0.1 at a port picked at run time: containers/image
// matches a location without a port to any port of that host. Podman's Docker API logs in over plain
// http only to localhost:<port>, so the tests reach a registry there by that name too.
const REGISTRIES_CONF = `[[registry]]
location = "127.0.0.1"
insecure = true

[[registry]]
location = "localhost"
insecure = true
`

/** Containers on Podman's default network, as a rootful Podman gives them (CNI: netavark is not installed). */
const BRIDGED_CONF = `${CONTAINERS_CONF.replace('netns = "none"', 'netns = "bridge"')}
[network]
network_backend = "cni"
cni_plugin_dirs = ["/usr/lib/cni"]
`

/**
 * Podman's default network, written out so its addresses are kept under `dir` (host-local's own
 * default is /var/lib/cni, shared with the machine). Bridge, port mappings and firewall rules are made
 * in the network namespace the service runs in.
 */
function defaultNetwork(dir: string): string {
  return JSON.stringify({
    cniVersion: '0.4.0',
    name: 'podman',
    plugins: [
      {
        type: 'bridge',
        bridge: 'cni-podman0',
        isGateway: true,
        ipMasq: true,
        hairpinMode: true,
        ipam: { type: 'host-local', routes: [{ dst: '0.0.0.0/0' }], ranges: [[{ subnet: '10.88.0.0/16', gateway: '10.88.0.1' }]], dataDir: join(dir, 'cni-ipam') },
      },
      { type: 'portmap', capabilities: { portMappings: true } },
      { type: 'firewall' },
      { type: 'tuning' },
    ],
  })
}

export interface PodmanOptions {
  /** Run the service (and the clean-up) inside this network namespace (a path under /var/run/netns), with its bridge network. */
  netns?: string
}

export function podmanService(dir: string, options: PodmanOptions = {}): ReturnType<typeof daemonControl> & { removeAll(): Promise<void> } {
  const conf = join(dir, 'containers.conf')
  writeFileSync(conf, options.netns ? BRIDGED_CONF : CONTAINERS_CONF)
  const registries = join(dir, 'registries.conf')
  writeFileSync(registries, REGISTRIES_CONF)
  mkdirSync(join(dir, 'networks'), { recursive: true })
  if (options.netns) writeFileSync(join(dir, 'networks', '87-podman.conflist'), defaultNetwork(dir))
  // nsenter execs podman: the pid it gets is the service's.
  const inNetns = (command: string, args: string[]): [string, string[]] => (options.netns ? ['nsenter', [`--net=${options.netns}`, command, ...args]] : [command, args])
  const socket = join(dir, 'podman.sock')
  // Every path Podman would otherwise share with the machine's own Podman is ours.
  const global = [
    '--root', join(dir, 'root'),
    '--runroot', join(dir, 'run'),
    '--tmpdir', join(dir, 'libpod'),
    '--network-config-dir', join(dir, 'networks'),
    '--storage-driver', 'vfs',
  ]
  const env = { ...process.env, CONTAINERS_CONF: conf, CONTAINERS_REGISTRIES_CONF: registries }
  const [command, args] = inNetns('podman', [...global, 'system', 'service', '--time', '0', `unix://${socket}`])
  const control = daemonControl({
    command,
    args,
    env,
    log: join(dir, 'podman.log'),
    socket,
    hint: 'Is podman (with runc) installed and are we root?',
  })
  return {
    ...control,
    removeAll: () =>
      new Promise((done) => {
        // In the service's namespace, so the network's clean-up (iptables, the bridge) happens there.
        execFile(...inNetns('podman', [...global, 'rm', '--all', '--force', '--time', '0']), { env, timeout: 60_000 }, () => done())
      }),
  }
}
