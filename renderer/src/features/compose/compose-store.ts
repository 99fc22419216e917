// The compose CLI's state in the page: which CLI Berth would run (or how to get one), the files a
// page opened and their problems, and each run's live output, by the place that started it (the
// Compose page, or one project's actions), filled in by the bridge's events.
import { defineStore } from 'pinia'
import { ref, shallowReactive, watch } from 'vue'
import { berth } from '../../bridge'
import { useActivityStore } from '../activity/activity-store'
import { useNotificationsStore } from '../notifications/notifications-store'
import { useEnginesStore } from '../engines/engines-store'
import { composeEngineFlags } from '../../shared/cli'
import { composeLine, type ComposeRunRequest } from '@common/compose/command'
import type { ComposeCliInfo, ComposeFiles, ComposeOutputLine, ComposeRunResult } from '@common/contract/compose'
import type { BerthError, Result } from '@common/contract/shared'

/** Lines a run keeps in the page. */
const KEEP_LINES = 5000

export interface ComposeRun {
  operation: string
  request: ComposeRunRequest
  line: string
  state: 'running' | 'done' | 'failed' | 'cancelled'
  lines: ComposeOutputLine[]
  dropped: number
  result?: ComposeRunResult
  error?: BerthError
}

let counter = 0
const newOperation = () => `compose-${Date.now().toString(36)}-${(counter++).toString(36)}`

export const useComposeStore = defineStore('compose', () => {
  const activity = useActivityStore()
  const notifications = useNotificationsStore()
  const cli = ref<ComposeCliInfo | null>(null)
  const cliError = ref<string | null>(null)
  /** Runs by where they were started ('page', 'project:<name>'); each run object is reactive by itself. */
  const runs = shallowReactive(new Map<string, ComposeRun>())
  const byOperation = new Map<string, ComposeRun>()

  let subscribed = false
  function startListening(): void {
    if (subscribed) return
    subscribed = true
    berth.compose.onOutput(({ operation, lines }) => {
      const run = byOperation.get(operation)
      if (!run) return
      run.lines.push(...lines)
      if (run.lines.length > KEEP_LINES) {
        const extra = run.lines.length - KEEP_LINES
        run.lines.splice(0, extra)
        run.dropped += extra
      }
    })
  }

  let cliAsk: Promise<void> | null = null
  /** Which CLI, found once (again with `refresh`, after the user installed one). */
  function loadCli(refresh = false): Promise<void> {
    if (cliAsk && !refresh) return cliAsk
    cliAsk = (async () => {
      const result = await berth.compose.cli({ ...(refresh ? { refresh: true } : {}) })
      cli.value = result.ok ? result.value : null
      cliError.value = result.ok ? null : result.error.message
    })()
    return cliAsk
  }

  /** The command line a request is, as the CLI found would run it; null until it is known, or when there is none. */
  function lineFor(request: ComposeRunRequest): string | null {
    const info = cli.value
    if (!info?.cli) return null
    // Pointed at Berth's engine as every docker line is (`--context build-box`), else by main's environment.
    const flags = composeEngineFlags(info.cli.name)
    if (!flags.length) return composeLine(info.cli, request, info.env)
    return composeLine({ ...info.cli, prefix: [...flags, ...info.cli.prefix] }, request, null)
  }

  const open = (path: string): Promise<Result<ComposeFiles>> => berth.compose.open({ path })
  const readProject = (project: string, workingDir: string | undefined, configFiles: string[]): Promise<Result<ComposeFiles>> =>
    berth.compose.readProject({ project, ...(workingDir ? { workingDir } : {}), configFiles })
  const pickFile = () => berth.compose.pickFile()

  async function run(slot: string, request: ComposeRunRequest): Promise<void> {
    const tell = notifications.watchTask()
    startListening()
    await loadCli()
    const operation = newOperation()
    const entry: ComposeRun = shallowReactiveRun({ operation, request, line: lineFor(request) ?? `compose ${request.command}`, state: 'running', lines: [], dropped: 0 })
    byOperation.set(operation, entry)
    runs.set(slot, entry)
    let answer: ComposeRunResult | undefined
    // A run the CLI ended with a failing exit code is recorded as failed, with its code.
    const result = await activity.track(
      entry.line,
      async (): Promise<Result<ComposeRunResult>> => {
        const r = await berth.compose.run({ operation, request })
        if (!r.ok || r.value.exitCode === 0 || r.value.cancelled) return r
        answer = r.value
        return { ok: false, error: { code: 'internal', message: `${r.value.line.split(' && ').pop()} exited with code ${r.value.exitCode ?? '?'}: see its output.` } }
      },
      `compose.${request.command}`,
    )
    if (result.ok || answer) {
      entry.result = result.ok ? result.value : answer
      // Main's line names the engine by DOCKER_HOST; a context the user knows reads better, where the program takes it.
      entry.line = (cli.value?.cli && composeEngineFlags(cli.value.cli.name).length ? lineFor(request) : null) ?? entry.result!.line
      entry.state = entry.result!.cancelled ? 'cancelled' : entry.result!.exitCode === 0 ? 'done' : 'failed'
    } else {
      entry.error = result.error
      entry.state = 'failed'
    }
    byOperation.delete(operation)
    const what = `compose ${request.command}`
    if (entry.state === 'done') tell({ title: `${what} finished`, body: entry.line })
    else if (entry.state === 'failed') tell({ title: `${what} failed`, body: entry.error?.message ?? entry.line })
  }

  async function cancel(slot: string): Promise<void> {
    const entry = runs.get(slot)
    if (entry?.state === 'running') await berth.compose.cancel({ operation: entry.operation })
  }

  // The lines name Berth's engine (DOCKER_HOST=…): after a switch, ask which again.
  watch(
    () => useEnginesStore().generation,
    () => void (cliAsk && loadCli(true)),
  )

  return { cli, cliError, runs, loadCli, lineFor, open, readProject, pickFile, run, cancel }
})

/** A run whose fields are reactive, its lines one reactive array (appended in batches). */
function shallowReactiveRun(run: ComposeRun): ComposeRun {
  return shallowReactive({ ...run, lines: shallowReactive([]) as unknown as ComposeOutputLine[] })
}
