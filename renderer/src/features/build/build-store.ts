// The Build page's state: the form (what `docker build` would be given), the context's size and
// file count before building, and the build this page runs, filled in by its events.
import { defineStore } from 'pinia'
import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { berth } from '../../bridge'
import { useActivityStore } from '../activity/activity-store'
import { useNotificationsStore } from '../notifications/notifications-store'
import { useEngineStore } from '../engine/engine-store'
import { buildCli, secretNote } from './build-cli'
import { useEnginesStore } from '../engines/engines-store'
import type { BuildOutputLine, BuildRequest, BuildResult, BuildStep, ContextInfo, ContextProgress } from '@common/contract/build'
import type { BerthError, Result } from '@common/contract/shared'
import { parseImageReference } from '@common/reference'

/** Lines the page keeps; a build's full output is in the engine's log of the build, not here. */
const KEEP_LINES = 5000

export interface RunningBuild {
  operation: string
  request: BuildRequest
  cli: string
  state: 'sending' | 'building' | 'done' | 'failed' | 'cancelled'
  context: ContextInfo | null
  sent: ContextProgress | null
  steps: BuildStep[]
  lines: BuildOutputLine[]
  /** Lines dropped from the start to keep KEEP_LINES. */
  dropped: number
  result?: BuildResult
  error?: BerthError
  /** Berth switched engines while it ran, which closed it. */
  endedBySwitch?: boolean
}

let counter = 0
const newOperation = () => `build-${Date.now().toString(36)}-${(counter++).toString(36)}`

export const useBuildStore = defineStore('build', () => {
  const activity = useActivityStore()
  const notifications = useNotificationsStore()
  const form = reactive({
    folder: '',
    dockerfile: 'Dockerfile',
    tags: [''] as string[],
    /** `secret`: its value is left out of the command line shown (and masked in the form). */
    buildArgs: [] as { name: string; value: string; secret?: boolean }[],
    target: '',
    noCache: false,
    pull: false,
    builder: 'buildkit' as 'buildkit' | 'classic',
    networkNone: false,
  })
  const context = ref<ContextInfo | null>(null)
  const contextError = ref<string | null>(null)
  const completions = ref<string[]>([])
  /** Only the desktop window has a folder dialog; a browser types the path, with completion. */
  const dialogAvailable = ref(window.berthDesktop !== undefined)
  const current = shallowRef<RunningBuild | null>(null)
  /** Bumped when `current` changes inside, so views re-render without deep reactivity over thousands of lines. */
  const tick = ref(0)

  const engine = useEngineStore()
  /**
   * Why the page builds with the classic builder whatever is picked, or null. Podman's Docker API
   * builds with Buildah and has no BuildKit (no /session to open), and its `docker build` works
   * only without BuildKit, so the line shown is the classic one.
   */
  const builderNote = computed(() =>
    engine.status?.product?.kind === 'podman' ? 'Podman builds with Buildah: its Docker API has no BuildKit, so builds here are classic builds.' : null,
  )
  const builder = computed(() => (builderNote.value ? 'classic' : form.builder))

  const request = computed<BuildRequest>(() => ({
    folder: form.folder.trim(),
    ...(form.dockerfile.trim() && form.dockerfile.trim() !== 'Dockerfile' ? { dockerfile: form.dockerfile.trim() } : {}),
    tags: form.tags.map((t) => t.trim()).filter(Boolean),
    buildArgs: form.buildArgs.filter((a) => a.name.trim()).map((a) => ({ name: a.name.trim(), value: a.value })),
    ...(form.target.trim() ? { target: form.target.trim() } : {}),
    ...(form.noCache ? { noCache: true } : {}),
    ...(form.pull ? { pull: true } : {}),
    builder: builder.value,
    ...(form.networkNone ? { network: 'none' as const } : {}),
  }))
  const secretArgs = computed(() => form.buildArgs.filter((a) => a.secret && a.name.trim()).map((a) => a.name.trim()))
  const cli = computed(() => buildCli(request.value, secretArgs.value))
  const secretCliNote = computed(() => secretNote(secretArgs.value))
  /**
   * What the line shown does not do on this engine, or null. Podman's Docker API ignores the
   * `networkmode` the docker CLI sends for --network=none, so that line's RUN steps get the host's
   * network; Berth's own build sends it as Podman's client does.
   */
  const cliNote = computed(() =>
    engine.status?.product?.kind === 'podman' && form.networkNone
      ? 'Against Podman, this line’s --network=none is not applied (its Docker API ignores it, so RUN steps get the host’s network); Berth’s Build applies it, and so does podman build --network=none.'
      : null,
  )

  /** Each typed tag's problem, in the words of the parser main uses. */
  const tagProblems = computed(() =>
    form.tags.map((tag) => {
      if (!tag.trim()) return null
      const parsed = parseImageReference(tag.trim())
      if (!parsed.ok) return parsed.message
      return parsed.value.digest ? 'A build tags by repository and tag, without a digest.' : null
    }),
  )

  let subscribed = false
  function startListening(): void {
    if (subscribed) return
    subscribed = true
    const mine = (operation: string) => (current.value?.operation === operation ? current.value : null)
    berth.builds.onProgress((p) => {
      const build = mine(p.operation)
      if (!build) return
      if (p.context) build.context = p.context
      if (p.sent) build.sent = p.sent
      if (build.state === 'sending' && p.phase === 'building') build.state = 'building'
      tick.value++
    })
    berth.builds.onSteps((e) => {
      const build = mine(e.operation)
      if (!build) return
      build.steps = e.steps
      if (build.state === 'sending') build.state = 'building'
      tick.value++
    })
    berth.builds.onOutput((e) => {
      const build = mine(e.operation)
      if (!build) return
      build.lines.push(...e.lines)
      if (build.lines.length > KEEP_LINES) {
        const extra = build.lines.length - KEEP_LINES
        build.lines.splice(0, extra)
        build.dropped += extra
      }
      tick.value++
    })
  }

  let contextTimer: ReturnType<typeof setTimeout> | undefined
  let contextAsk = 0
  /** The context's size and count, asked again a moment after the folder or Dockerfile stops changing. */
  function refreshContext(): void {
    clearTimeout(contextTimer)
    contextTimer = setTimeout(async () => {
      const ask = ++contextAsk
      if (!form.folder.trim()) {
        context.value = null
        contextError.value = null
        return
      }
      const result = await berth.builds.contextInfo({ folder: form.folder.trim(), ...(request.value.dockerfile ? { dockerfile: request.value.dockerfile } : {}) })
      if (ask !== contextAsk) return
      context.value = result.ok ? result.value : null
      contextError.value = result.ok ? null : result.error.message
    }, 250)
  }

  let completeAsk = 0
  async function complete(): Promise<void> {
    const ask = ++completeAsk
    const result = await berth.builds.complete({ path: form.folder })
    if (ask === completeAsk) completions.value = result.ok ? result.value.folders : []
  }

  async function pickFolder(): Promise<void> {
    const result = await berth.builds.pickFolder()
    if (!result.ok) return
    dialogAvailable.value = result.value.available
    if (result.value.folder) {
      form.folder = result.value.folder
      refreshContext()
    }
  }

  async function build(req: BuildRequest = request.value): Promise<void> {
    startListening()
    const tell = notifications.watchTask()
    const operation = newOperation()
    const run: RunningBuild = { operation, request: req, cli: buildCli(req, secretArgs.value), state: 'sending', context: null, sent: null, steps: [], lines: [], dropped: 0 }
    current.value = run
    tick.value++
    let answer: BuildResult | undefined
    // The call answers with the build's result even when a step failed (the page needs its steps);
    // the activity bar records such a build as failed, with the builder's reason.
    const result = await activity.track(
      run.cli,
      async (): Promise<Result<BuildResult>> => {
        const r = await berth.builds.start({ operation, request: req })
        if (!r.ok || !r.value.failure) return r
        answer = r.value
        return { ok: false, error: { code: r.value.failure.engineGone ? 'engine-unreachable' : 'internal', message: r.value.failure.message } }
      },
      'image.build',
      // A failed step's build is told in the page's failure box; the bar records it without repeating it.
      { shownByPage: true },
    )
    // A switch of engines ended it already, with its own sentence.
    if (current.value?.operation !== operation || run.endedBySwitch) return
    if (result.ok || answer) {
      const value = result.ok ? result.value : answer!
      run.result = value
      run.steps = value.steps
      run.state = value.cancelled ? 'cancelled' : value.failure ? 'failed' : 'done'
    } else {
      run.error = result.error
      run.state = 'failed'
    }
    tick.value++
    const what = req.tags[0] ? `Build of ${req.tags[0]}` : 'Build'
    if (run.state === 'done') tell({ title: `${what} finished`, body: run.cli })
    else if (run.state === 'failed') tell({ title: `${what} failed`, body: run.error?.message ?? run.result?.failure?.message ?? run.cli })
  }

  /** The same build again, as it was asked (after the engine came back, say). */
  const retry = () => current.value && build(current.value.request)

  /** The fix a failure offered, applied in the form (so the line shown says it too), then built again. */
  function applyFix(fix: NonNullable<BuildResult['failure']>['fix']): Promise<void> | undefined {
    if (fix === 'network-none') form.networkNone = true
    return build()
  }

  async function cancel(): Promise<void> {
    if (current.value) await berth.builds.cancel({ operation: current.value.operation })
  }

  // A switch of engines closes the build's stream in main: it says so rather than waiting for ever.
  const engines = useEnginesStore()
  watch(
    () => engines.generation,
    () => {
      const run = current.value
      const away = engines.lastSwitch
      if (!run || !away || (run.state !== 'sending' && run.state !== 'building')) return
      run.endedBySwitch = true
      run.state = 'failed'
      run.error = { code: 'engine-unreachable', message: `The build stopped: it ran on engine ${away.from.name}, and Berth now shows engine ${away.to.name}. Build again to build there.` }
      tick.value++
    },
  )

  return { form, builder, builderNote, context, contextError, completions, dialogAvailable, current, tick, request, cli, cliNote, secretCliNote, tagProblems, refreshContext, complete, pickFolder, build, retry, applyFix, cancel }
})
