// Real-world `docker run` lines, one or more per flag family of flags.ts, as the oracle test runs
// them: the flags between the name and the image (SCRATCH: a folder of the test's; DATA: a volume of
// the case's own). Where Podman differs from Docker, the case says how, and the test checks that.
import { strict as assert } from 'node:assert'

export interface FlagCase {
  title: string
  flags: string[]
  cmd?: string[]
  /** Both the CLI and Berth refuse the line, with this. */
  refusedBy?: RegExp
  /** Only the CLI refuses it, with this (on Podman, by design): Berth's container is checked alone. */
  cliRefuses?: RegExp
  /** Where the read-back differs by design (Podman): what it gives, by spec key, instead of the same container. */
  readBackDiffers?: Record<string, unknown>
  /** Where the CLI refuses: what Berth reads back from its own container, by spec key. */
  readBack?: Record<string, unknown>
  /** A look at what the engine made, beyond equality with the CLI's. */
  check?(fields: Record<string, unknown>): void
}

const host = (f: Record<string, unknown>) => f.HostConfig as Record<string, unknown>
const config = (f: Record<string, unknown>) => f.Config as Record<string, unknown>

export function flagCases(podman: boolean): FlagCase[] {
  return [
    {
      title: '--mount of every type with its options (a MinIO/Postgres style line)',
      flags: ['--network', 'none', '--mount', 'type=volume,source=DATA,target=/data,volume-nocopy', '--mount', 'type=volume,target=/scratch,volume-opt=type=tmpfs,volume-opt=device=tmpfs',
        '--mount', 'type=bind,source=SCRATCH,target=/site,readonly,bind-propagation=rslave', '--mount', 'type=tmpfs,target=/cache,tmpfs-size=64m,tmpfs-mode=1770', '--mount', 'src=DATA,dst=/data-ro,ro=true'],
      check: (f) => assert.ok(podman || (host(f).Mounts as unknown[]).length === 5),
    },
    {
      title: '--env-file and --label-file by path, with -e and --label after them',
      flags: ['--network', 'none', '--env-file', 'SCRATCH/app.env', '-e', 'DEBUG=1', '--label-file', 'SCRATCH/labels', '--label', 'com.example.tier=back'],
      check: (f) => assert.equal((config(f).Labels as Record<string, string>)['com.example.tier'], 'back'),
    },
    {
      title: 'host name, domain, extra hosts, DNS, exposed ports (a mail server line)',
      flags: ['--network', 'none', '--hostname', 'mail', '--domainname', 'example.test', '--add-host', 'db.local:10.0.0.5', '--add-host', 'cache:10.0.0.6',
        '--dns', '1.1.1.1', '--dns', '9.9.9.9', '--dns-search', 'example.test', '--dns-option', 'ndots:2', '--expose', '25', '--expose', '5000-5002/udp', '-h', 'mx'],
      check: (f) => assert.equal(config(f).Hostname, 'mx'),
    },
    {
      title: 'memory, CPU and process limits (a database with a budget)',
      flags: ['--network', 'none', '--memory', '512m', '--memory-reservation', '256M', '--memory-swap', '1g', '--cpus', '1.5', '--cpu-shares', '512', '--cpuset-cpus', '0',
        '--pids-limit', '100', '--ulimit', 'core=0:1024', '--ulimit', 'memlock=65536', '--shm-size', '256m'],
      check: (f) => assert.equal(host(f).Memory, 512 * 1024 ** 2),
    },
    {
      title: '--ulimit nofile and nproc (a server that opens many files)',
      flags: ['--network', 'none', '--ulimit', 'nofile=4096:8192', '--ulimit', 'nproc=512'],
      // Podman writes nofile and nproc into every container, valued from its host: Berth's read-back
      // leaves them out there (flags-from-container.ts), so an edit on Podman does not keep typed ones.
      ...(podman ? { readBackDiffers: { ulimit: [] } } : {}),
    },
    { title: 'short limit flags and swap off (-m, -c, --memory-swap -1)', flags: ['--network', 'none', '-m', '64m', '-c', '256', '--memory-swap', '-1'] },
    {
      title: 'a locked-down container: read-only root, capabilities dropped and one added, no new privileges',
      flags: ['--network', 'none', '--read-only', '--cap-drop', 'ALL', '--cap-add', 'net_bind_service', '--cap-add', 'CAP_CHOWN', '--security-opt', 'no-new-privileges', '--user', '1000:1000', '--tmpfs', '/tmp'],
    },
    { title: 'groups and namespaces (a media server line)', flags: ['--network', 'none', '--group-add', 'audio', '--group-add', '1234', '--ipc', 'shareable', '--userns', 'host', '--security-opt', 'apparmor=unconfined'] },
    {
      title: '--device, with and without a container path and permissions',
      flags: ['--network', 'none', '--device', '/dev/fuse', '--device', '/dev/null:/dev/mynull:r'],
      // The 20.10 CLI asks the engine's OS (the Ostype header of /_ping) to read --device, and Podman's
      // API does not send one: the CLI cannot make this line on Podman; Berth can.
      // Podman keeps no permissions, so its rows read back without them (the default rwm).
      ...(podman ? { cliRefuses: /unknown server OS/, readBack: { device: ['/dev/fuse', '/dev/null:/dev/mynull'] } } : {}),
      // Podman keeps no device permissions in its inspect (it shows '').
      check: (f) => assert.deepEqual(host(f).Devices, [
        { PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: podman ? '' : 'rwm' },
        { PathOnHost: '/dev/null', PathInContainer: '/dev/mynull', CgroupPermissions: podman ? '' : 'r' },
      ]),
    },
    { title: '--privileged and --pid host (a monitoring agent)', flags: ['--network', 'none', '--privileged', '--pid', 'host', '--security-opt', 'seccomp=unconfined'] },
    {
      title: 'init, stop signal and timeout, a health check (a web app line)',
      flags: ['--network', 'none', '--stop-signal', 'SIGINT', '--stop-timeout', '5', '--health-cmd', 'wget -qO- http://localhost/ || exit 1', '--health-interval', '1m30s',
        '--health-timeout', '5s', '--health-retries', '3', '--health-start-period', '500ms'],
      check: (f) => assert.deepEqual((config(f).Healthcheck as { Test: string[] }).Test, ['CMD-SHELL', 'wget -qO- http://localhost/ || exit 1']),
    },
    // Podman runs --init with catatonit, which this machine's Podman lacks: both refuse, for that reason.
    { title: '--init', flags: ['--network', 'none', '--init'], ...(podman ? { refusedBy: /catatonit|container-init/ } : {}) },
    { title: '--no-healthcheck', flags: ['--network', 'none', '--no-healthcheck'] },
    { title: 'a log driver with options', flags: ['--network', 'none', '--log-driver', 'json-file', '--log-opt', 'max-size=10m', '--log-opt', 'max-file=3'] },
    { title: '--log-driver none', flags: ['--network', 'none', '--log-driver', 'none'] },
    { title: '--platform and --pull never on an image the engine has', flags: ['--network', 'none', '--platform', 'linux/amd64', '--pull', 'never'] },
    { title: 'a health setting with --no-healthcheck is refused by both', flags: ['--network', 'none', '--no-healthcheck', '--health-retries', '2'], refusedBy: /no-healthcheck/ },
  ]
}
