// Projects folded into the containers list: where the group row goes, what it counts, what the
// filter lets through, collapsing, and whatever tool named the containers.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { groupRows, rowKey, runningWords, summarizeProjects, type ListRow } from '@renderer/features/projects/grouping'
import type { ContainerSummary } from '@common/contract/containers'

let n = 0
function row(name: string, state: ContainerSummary['state'], compose?: ContainerSummary['compose']): ContainerSummary {
  n++
  return {
    id: n.toString(16).padStart(64, '0'), name, image: 'busybox', imageId: 'sha256:1', command: 'sh', state, exitCode: null,
    status: state === 'running' ? 'Up' : 'Exited (0)', since: null, ports: [], created: 1_000_000 - n, ...(compose ? { compose } : {}),
  }
}
const v2 = (project: string, service: string, number: number) => ({ project, service, number, workingDir: '/srv/app', configFiles: ['/srv/app/compose.yaml'] })

/** The rows as words: "[app 2 of 3 running]", "  app-web-1", "plain". */
const words = (rows: ListRow[]) => rows.map((r) => (r.kind === 'project' ? `[${r.project.name} ${runningWords(r.project)}${r.collapsed ? ' folded' : ''}]` : `${r.project ? '  ' : ''}${r.container.name}`))

describe('grouping containers by compose project', () => {
  // Newest first, as the engine lists them: a v2 project, a plain container between, a v1 project.
  const list = [
    row('app-web-2', 'running', v2('app', 'web', 2)),
    row('plain', 'running'),
    row('app-db-1', 'exited', v2('app', 'db', 1)),
    row('app-web-1', 'running', v2('app', 'web', 1)),
    row('legacy_web_1', 'running', { project: 'legacy', service: 'web', number: 1 }),
  ]
  const projects = summarizeProjects(list)

  it('puts each project where its newest container is, its containers under it in `docker compose ps` order', () => {
    assert.deepEqual(words(groupRows(list, projects, new Set())), ['[app 2 of 3 running]', '  app-db-1', '  app-web-1', '  app-web-2', 'plain', '[legacy 1 of 1 running]', '  legacy_web_1'])
  })

  it('sums up each project from its labels: services, working dir, files', () => {
    const app = projects.get('app')!
    assert.deepEqual(app.services, ['db', 'web'])
    assert.equal(app.workingDir, '/srv/app')
    assert.deepEqual(app.configFiles, ['/srv/app/compose.yaml'])
    assert.deepEqual(projects.get('legacy')!.configFiles, [])
    assert.equal(projects.get('legacy')!.workingDir, undefined)
  })

  it('shows a group when any of its containers passes the filter, with only those, and counts the whole project', () => {
    const visible = list.filter((c) => c.name.includes('web-1') || c.name === 'plain')
    const rows = groupRows(visible, projects, new Set())
    assert.deepEqual(words(rows), ['plain', '[app 2 of 3 running]', '  app-web-1'])
    assert.equal((rows[1] as Extract<ListRow, { kind: 'project' }>).shown, 1)
    assert.deepEqual(words(groupRows([list[1]!], projects, new Set())), ['plain'], 'no group without a visible container')
  })

  it('folds a collapsed group to its one row', () => {
    assert.deepEqual(words(groupRows(list, projects, new Set(['app']))), ['[app 2 of 3 running folded]', 'plain', '[legacy 1 of 1 running]', '  legacy_web_1'])
  })

  it('keys project rows apart from container rows', () => {
    const keys = groupRows(list, projects, new Set()).map(rowKey)
    assert.equal(new Set(keys).size, keys.length)
    assert.ok(keys.includes('project:app'))
  })
})
