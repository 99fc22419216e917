// The run dialog's form and the spec it stands for: a spec fills the form and the form gives the same
// spec back; what the user types (a command line, KEY=value label rows, blank rows) becomes the spec
// main validates; problems name the field as the dialog labels it.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { emptyRunSpec, type RunSpec } from '@common/run/spec'
import { parseRunLine } from '@common/run/cli'
import { commandWords, duplicateLabels, formFrom, formMissing, formProblems, newForm, recreateLines, runLine, specOf } from '@renderer/features/run/run-form'

function fullSpec(): RunSpec {
  const labels = Object.create(null) as Record<string, string>
  labels['com.example.team'] = 'web'
  labels['query'] = 'a=b&c=d'
  labels['empty'] = ''
  labels['__proto__'] = 'just a key'
  return {
    ...emptyRunSpec('registry.local:5000/team/app:1.2'),
    name: 'web-1',
    cmd: ['sh', '-c', 'echo "$HOME" && ls *.txt', "it's", 'x"y', '', 'tab\there', '#not-a-comment'],
    entrypoint: '',
    workdir: '/srv',
    user: '1000:1000',
    ports: ['8080:80', '127.0.0.1:9000-9001:9000-9001/udp'],
    publishAll: true,
    env: ['A=1', 'B', 'C=x=y'],
    envFile: 'D=4\n# comment\n',
    mounts: [
      { kind: 'volume', source: 'data', target: '/data', readOnly: false },
      { kind: 'bind', source: '/host/src', target: '/app', readOnly: true },
      { kind: 'anonymous', source: '', target: '/cache', readOnly: false },
    ],
    volumesFrom: [{ container: 'db', readOnly: true }],
    tmpfs: ['/run:size=64m'],
    detach: false,
    interactive: true,
    tty: true,
    restart: { name: 'on-failure', maxRetries: 3 },
    network: 'backend',
    labels,
  }
}

describe('run form', () => {
  it('gives back the spec it was filled from', () => {
    const spec = fullSpec()
    const form = formFrom(spec)
    assert.equal(form.command, `sh -c 'echo "$HOME" && ls *.txt' "it's" 'x"y' '' 'tab\there' '#not-a-comment'`)
    assert.deepEqual(form.labels, ['com.example.team=web', 'query=a=b&c=d', 'empty=', '__proto__=just a key'])
    const back = specOf(form)
    assert.deepEqual(back, fullSpec())
    assert.equal(Object.getPrototypeOf(back.labels), null)
    assert.ok(Object.hasOwn(back.labels, '__proto__'), '"__proto__" is a label like any other')
    assert.deepEqual(formProblems(form), [])
  })

  it('a new form stands for the empty spec of its image', () => {
    const form = newForm('nginx')
    assert.equal(form.image, 'nginx')
    assert.equal(form.command, '')
    assert.deepEqual(form.labels, [])
    assert.deepEqual(specOf(form), emptyRunSpec('nginx'))
    assert.deepEqual(specOf(form).cmd, [], 'an empty command keeps the image CMD')
  })

  it('shares nothing with the spec it came from or the spec it gives', () => {
    const spec = fullSpec()
    const form = formFrom(spec)
    form.mounts[0]!.target = '/elsewhere'
    form.volumesFrom[0]!.readOnly = false
    form.restart.maxRetries = 9
    form.ports.push('1:1')
    assert.deepEqual(spec, fullSpec(), 'editing the form leaves the spec alone')
    const out = specOf(form)
    assert.notEqual(out.mounts[0], form.mounts[0])
    assert.notEqual(out.volumesFrom[0], form.volumesFrom[0])
    assert.notEqual(out.restart, form.restart)
    out.mounts[1]!.readOnly = false
    assert.equal(form.mounts[1]!.readOnly, true, 'nor does editing the spec change the form')
  })

  it('reads KEY=value label rows: first "=" splits, a bare key is empty, blank rows are skipped, the last of a key wins', () => {
    const form = newForm('nginx')
    form.labels = ['a=b=c', 'flag', '', 'dup=1', 'dup=2', 'constructor=x']
    const labels = specOf(form).labels
    assert.deepEqual({ ...labels }, { a: 'b=c', flag: '', dup: '2', constructor: 'x' })
    assert.deepEqual(duplicateLabels(form.labels), ['dup'])
    assert.deepEqual(duplicateLabels(['x', 'x=1', '=a', '=b', 'y=1', 'x=2']), ['x', 'x'], 'a row without "=" names its key too; an empty key is no duplicate')
  })

  it('drops blank rows, so an added but unfilled row is not an error', () => {
    const form = newForm('nginx')
    form.ports = ['', '80', '']
    form.env = ['', 'A=1']
    form.tmpfs = ['']
    form.mounts = [
      { kind: 'volume', source: '', target: '', readOnly: false },
      { kind: 'volume', source: 'data', target: '', readOnly: false },
    ]
    form.volumesFrom = [{ container: '', readOnly: false }]
    const spec = specOf(form)
    assert.deepEqual(spec.ports, ['80'])
    assert.deepEqual(spec.env, ['A=1'])
    assert.deepEqual(spec.tmpfs, [])
    assert.deepEqual(spec.mounts, [{ kind: 'volume', source: 'data', target: '', readOnly: false }], 'a half-filled row stays, to be reported')
    assert.deepEqual(spec.volumesFrom, [])
  })
})

describe('the command box', () => {
  it('splits a command line as a shell does', () => {
    assert.deepEqual(commandWords(`sh -c 'echo hi; exit 3'`), ['sh', '-c', 'echo hi; exit 3'])
    assert.deepEqual(commandWords(`printf "%s\\n" 'a b' c\\ d`), ['printf', '%s\\n', 'a b', 'c d'])
    assert.deepEqual(commandWords('  '), [])
  })

  it('leaves $VAR and globs as written: no shell here expands them', () => {
    assert.deepEqual(commandWords('echo $HOME "$USER" $1'), ['echo', '$HOME', '$USER', '$1'])
    assert.deepEqual(commandWords('ls *.log /var/log/?'), ['ls', '*.log', '/var/log/?'])
    // Braces, defaults and $ inside double quotes are the container shell's to read, kept exactly.
    assert.deepEqual(commandWords('sh -c "echo ${A}B ${X:-def} $$"'), ['sh', '-c', 'echo ${A}B ${X:-def} $$'])
    assert.deepEqual(commandWords("echo '${A}' \\$B"), ['echo', '${A}', '$B'])
  })

  it('reads # as a shell does: a comment at the start of a word, a character inside one', () => {
    assert.deepEqual(commandWords('echo hi # a note'), ['echo', 'hi'])
    assert.deepEqual(commandWords('curl http://h/#top a#b "#c"'), ['curl', 'http://h/#top', 'a#b', '#c'])
  })

  it('reads back every command it writes', () => {
    for (const cmd of [['nginx', '-g', 'daemon off;'], ['a b', "c'd", 'e"f', '$(id)', '`id`', 'g\\h', 'new\nline', '!x', '~', '{a,b}'], ['']]) {
      const form = formFrom({ ...emptyRunSpec('alpine'), cmd })
      assert.deepEqual(specOf(form).cmd, cmd, form.command)
    }
  })
})

describe('form problems', () => {
  it('an empty image is the next step, not an error; a mistyped one is one problem', () => {
    const empty = newForm('')
    assert.deepEqual(formProblems(empty), [])
    assert.match(formMissing(empty) ?? '', /^Name the image to run/)
    const typo = newForm('Not A Ref!')
    assert.equal(formMissing(typo), null)
    assert.deepEqual(formProblems(typo), ['Image: is not an image id or reference'])
  })

  it('name the field as the dialog labels it, and the row', () => {
    const form = newForm('')
    form.workdir = 'relative'
    form.labels = ['=orphan', 'team=a', 'team=b']
    assert.deepEqual(formProblems(form), [
      'Working directory: must be an absolute path (start with /)',
      'Labels "": key must not be empty',
      'Labels: "team" is given twice',
    ])
    const rows = newForm('nginx')
    rows.ports = ['8080:80', 'not a port']
    rows.mounts = [{ kind: 'bind', source: 'relative', target: '/app', readOnly: false }]
    const problems = formProblems(rows)
    assert.equal(problems.length, 2, problems.join('\n'))
    assert.match(problems[0]!, /^Ports, row 2: /)
    assert.match(problems[1]!, /^Mounts, row 1: host path "relative" must be absolute/)
  })
})

describe('a pasted docker run line, through the form', () => {
  it('comes back out as the same line and the same spec', () => {
    const line = `docker run -it --rm --name api -p 8080:80 -e 'GREETING=hello world' -v data:/data:ro --label tier=web --restart no node:20 node -e 'console.log(1)'`
    const pasted = parseRunLine(line)
    assert.deepEqual(pasted.problems, [])
    const spec = specOf(formFrom(pasted.spec))
    assert.deepEqual(spec, pasted.spec)
    assert.deepEqual(parseRunLine(runLine(spec)).spec, spec)
    assert.equal(runLine(spec), line.replace(' --restart no', ''), 'the default restart policy is left out')
  })
})

describe('recreate', () => {
  it('is the commands a user would type, the new container taking the old name unless given one', () => {
    const spec = { ...emptyRunSpec('nginx:1.27') }
    assert.deepEqual(recreateLines('web', spec, true), [
      'docker pull nginx:1.27',
      'docker stop web',
      'docker rename web web-old',
      'docker run -d --name web nginx:1.27',
      'docker rm web-old',
    ])
    assert.deepEqual(recreateLines('web', { ...spec, name: 'web-2' }, false), [
      'docker stop web',
      'docker rename web web-old',
      'docker run -d --name web-2 nginx:1.27',
      'docker rm web-old',
    ])
  })
})
