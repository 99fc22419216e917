// The `docker run …` line, both ways: what the dialog shows reads back into the same spec, and a
// pasted line names every flag Berth has no field for.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { parseRunLine, runWords } from '@common/run/cli'
import { emptyRunSpec, runSpecSchema, type RunSpec } from '@common/run/spec'
import { parsePortRow } from '@common/run/ports'
import { emptyRecord } from '@common/exact-record'
import { cliLine } from '@renderer/shared/cli'

function spec(patch: Partial<RunSpec>): RunSpec {
  return { ...emptyRunSpec('nginx:1.27'), ...patch }
}

const labels = (entries: [string, string][]) => {
  const out = emptyRecord<string>()
  for (const [k, v] of entries) out[k] = v
  return out
}

describe('docker run line', () => {
  const specs: RunSpec[] = [
    spec({ name: 'web', ports: ['8080:80', '127.0.0.1:9000-9001:90-91/udp', '53', '[::1]:8443:443'], publishAll: true }),
    spec({ detach: false, interactive: true, tty: true, autoRemove: true, cmd: ['sh', '-c', "echo 'hi there' && ls $HOME"] }),
    spec({ env: ['A=1', 'EMPTY=', 'ALONE', '__proto__=p', 'constructor=c', 'SPACED= two  words '], labels: labels([['__proto__', 'x'], ['constructor', ''], ['com.example.team', 'a b']]) }),
    spec({ mounts: [
      { kind: 'volume', source: 'data', target: '/data', readOnly: false },
      { kind: 'volume', source: 'data', target: '/ro', readOnly: true },
      { kind: 'anonymous', source: '', target: '/app/node_modules', readOnly: false },
      { kind: 'bind', source: '/home/me/My Project', target: '/app', readOnly: true },
    ], volumesFrom: [{ container: 'db', readOnly: false }, { container: 'cache', readOnly: true }], tmpfs: ['/run', '/cache:size=64m'] }),
    spec({ restart: { name: 'on-failure', maxRetries: 3 }, network: 'none', workdir: '/srv', user: '1000:1000', entrypoint: '' }),
    spec({ restart: { name: 'unless-stopped', maxRetries: 0 }, network: 'my-net', entrypoint: '/bin/sh' }),
  ]

  it('reads back every spec it writes (spec → quoted line → spec)', () => {
    for (const s of specs) {
      const line = cliLine(...runWords(s))
      const parsed = parseRunLine(line)
      assert.deepEqual(parsed.problems, [], line)
      assert.deepEqual(parsed.unsupported, [], line)
      assert.deepEqual({ ...parsed.spec, labels: { ...parsed.spec.labels } }, { ...s, labels: { ...s.labels } }, line)
      // Exact keys: __proto__ is a label, not a prototype.
      assert.deepEqual(Object.keys(parsed.spec.labels), Object.keys(s.labels))
      assert.ok(runSpecSchema.safeParse(parsed.spec).success, line)
    }
  })

  it('names flags Berth does not support instead of dropping them, and still reads the rest', () => {
    const parsed = parseRunLine('docker run -d --privileged --memory=512m -m 1g --cap-add NET_ADMIN --env-file ./.env --sysctl net.core.somaxconn=1024 --link db -v ./src:/app:z -p 80:80 --name web nginx')
    assert.deepEqual(parsed.unsupported, ['--sysctl net.core.somaxconn=1024', '--link db', '-v ./src:/app:z: the option z is not kept'])
    // The flags of flags.ts are read, as typed (the last of a repeated value wins, as pflag keeps it).
    assert.deepEqual([parsed.spec.privileged, parsed.spec.memory, parsed.spec.capAdd, parsed.spec.envFiles], [true, '1g', ['NET_ADMIN'], ['./.env']])
    assert.equal(parsed.spec.image, 'nginx')
    assert.equal(parsed.spec.name, 'web')
    assert.deepEqual(parsed.spec.ports, ['80:80'])
    assert.deepEqual(parsed.spec.mounts, [{ kind: 'bind', source: './src', target: '/app', readOnly: false }])
    // A relative bind is refused by the schema, in words.
    const checked = runSpecSchema.safeParse(parsed.spec)
    assert.ok(!checked.success && /must be absolute/.test(checked.error.issues[0]?.message ?? ''))
    // So is a relative env file: main has no current folder to read it from.
    assert.ok(!checked.success && checked.error.issues.some((i) => i.path[0] === 'envFiles' && /absolute path to the env file/.test(i.message)))
  })

  it('reads clustered short flags, =values, line continuations and stops at the shell operator', () => {
    const parsed = parseRunLine("docker container run -dit -p8080:80 -e=K=v --rm=false \\\n  --name=x alpine sh -c 'echo hi' && echo done")
    assert.equal(parsed.spec.detach && parsed.spec.interactive && parsed.spec.tty, true)
    assert.deepEqual(parsed.spec.ports, ['8080:80'])
    assert.deepEqual(parsed.spec.env, ['K=v'])
    assert.equal(parsed.spec.autoRemove, false)
    assert.equal(parsed.spec.name, 'x')
    assert.deepEqual(parsed.spec.cmd, ['sh', '-c', 'echo hi'])
    assert.match(parsed.problems[0] ?? '', /goes on after "&&"/)
    assert.deepEqual(parseRunLine('docker run').problems, ['There is no image: docker run [OPTIONS] IMAGE [COMMAND] [ARG…].'])
  })

  it('reads docker create as a command of its own, and writes it back without -d', () => {
    const created = parseRunLine('docker container create --name web -e A=1 \\\n  nginx:1.27')
    assert.equal(created.command, 'create')
    assert.deepEqual(created.problems, [])
    assert.equal(created.spec.name, 'web')
    assert.equal(parseRunLine('docker run nginx:1.27').command, 'run')
    assert.deepEqual(runWords(spec({ name: 'web', detach: true }), 'create').slice(0, 4), ['docker', 'create', '--name', 'web'])
    assert.deepEqual(parseRunLine('docker start web').problems, ['"docker start" is not docker run or docker create.'])
  })

  it('keeps ${VAR}, $VAR and # inside a word as written, and stops at a comment', () => {
    const parsed = parseRunLine(`docker run -e 'A=\${HOME}' alpine sh -c "echo \${A:-x} $B" url#frag # started by hand`)
    assert.deepEqual(parsed.spec.env, ['A=${HOME}'])
    assert.deepEqual(parsed.spec.cmd, ['sh', '-c', 'echo ${A:-x} $B', 'url#frag'])
    assert.deepEqual(parsed.problems, [])
  })

  it('validates with field-naming messages', () => {
    const bad = (patch: Partial<RunSpec>) => {
      const r = runSpecSchema.safeParse(spec(patch))
      assert.ok(!r.success, JSON.stringify(patch))
      return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    }
    assert.match(bad({ name: 'a' })[0] ?? '', /^name: is not a container name/)
    assert.match(bad({ name: '-web' })[0] ?? '', /^name:/)
    assert.ok(runSpecSchema.safeParse(spec({ name: '/web.1_a-b' })).success)
    assert.match(bad({ ports: ['70000:80'] })[0] ?? '', /^ports\.0: host port 70000 is not between 1 and 65535/)
    assert.match(bad({ ports: ['8080:80', '8080:81'] })[0] ?? '', /^ports\.1: publishes host port 8080\/tcp again \(row 1 already does\)/)
    assert.ok(runSpecSchema.safeParse(spec({ ports: ['8080:80', '8080:80/udp', '127.0.0.1:8081:80', '127.0.0.2:8081:80'] })).success)
    assert.match(bad({ env: ['BAD KEY=1'] })[0] ?? '', /^env\.0:/)
    assert.match(bad({ envFile: 'A=1\nNOVALUE\n' })[0] ?? '', /^envFile: line 2:/)
    assert.match(bad({ mounts: [{ kind: 'bind', source: 'rel/path', target: '/x', readOnly: false }] })[0] ?? '', /^mounts\.0: host path "rel\/path" must be absolute/)
    assert.match(bad({ mounts: [{ kind: 'anonymous', source: '', target: '/x', readOnly: true }] })[0] ?? '', /^mounts\.0: an anonymous volume/)
    assert.match(bad({ tmpfs: ['/x:ro'] })[0] ?? '', /^tmpfs\.0: a read-only tmpfs/)
    assert.match(bad({ autoRemove: true, restart: { name: 'always', maxRetries: 0 } })[0] ?? '', /^restart: cannot be "always" with --rm/)
    assert.match(bad({ network: 'host', ports: ['80:80'] })[0] ?? '', /^ports: cannot be published with --network host/)
  })

  it('reads port rows as the CLI does (ranges, container port only, a host range)', () => {
    assert.deepEqual(parsePortRow('8000-8001:80-81/udp'), { bindings: [
      { port: '80/udp', proto: 'udp', hostIp: '', hostPort: '8000' },
      { port: '81/udp', proto: 'udp', hostIp: '', hostPort: '8001' },
    ] })
    assert.deepEqual(parsePortRow('7000-7005:70'), { bindings: [{ port: '70/tcp', proto: 'tcp', hostIp: '', hostPort: '7000-7005' }] })
    assert.deepEqual(parsePortRow('127.0.0.1::80'), { bindings: [{ port: '80/tcp', proto: 'tcp', hostIp: '127.0.0.1', hostPort: '' }] })
    assert.ok('error' in parsePortRow('8000-8002:80-81'))
    assert.ok('error' in parsePortRow('80/icmp'))
  })
})
