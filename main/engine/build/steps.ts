// Both builders' output folded into one step model. The engine writes one JSON object per line:
//  - BuildKit: `{"id":"moby.buildkit.trace","aux":"<base64 StatusResponse>"}` with vertexes (named
//    `[2/5] COPY . /app`, `[build 2/5] RUN …`, `[internal] load …`, `exporting to image`) and their
//    logs, then `{"id":"moby.image.id","aux":{"ID":"sha256:…"}}`;
//  - classic: `{"stream":"Step 2/5 : COPY . /app\n"}`, `" ---> Using cache"`, `" ---> Running in …"`,
//    the step's output, `{"aux":{"ID":"sha256:…"}}`, `"Successfully built …"`;
//  - Podman's compatible API, whose builder is Buildah: the classic form with Buildah's lines,
//    `"STEP 2/5: COPY . /app\n"` (`"[1/2] STEP 2/5: …"` in a multi-stage build, counted per stage),
//    `"--> Using cache <id>"`, `"--> <id>"` after each step, `"COMMIT <name>"` before the last one's
//    commit, then `"Successfully tagged …"` and the image id alone on a line.
// Any may end with `{"error":"…","errorDetail":{…}}`.
import type { BuildOutputLine, BuildStep, Builder } from '@common/contract/build'
import { decodeTrace } from './buildkit-status'

export interface EngineBuildMessage {
  id?: string
  stream?: string
  status?: string
  aux?: unknown
  error?: string
  errorDetail?: { message?: string }
}

const BUILDKIT_STEP = /^\[(?:(.+) )?(\d+\/\d+)\] (.*)$/s
const CLASSIC_STEP = /^Step (\d+\/\d+) : (.*)$/s
/** Buildah: `STEP 2/5: RUN …`, with the stage first (`[1/2] STEP 2/5: …`) when there are several. */
const BUILDAH_STEP = /^(?:\[(\d+)\/\d+\] )?STEP (\d+(?:\/\d+)?): (.*)$/s
/** Buildah's bookkeeping: the layer a step made or reused, the commit, the image id at the end. */
const BUILDAH_CACHED = /^--> Using cache [0-9a-f]{12,64}$/
const BUILDAH_OWN = /^(--> [0-9a-f]{6,64}|(\[\d+\/\d+\] )?COMMIT( .*)?|[0-9a-f]{64})$/
/** Buildah's `--> <id>` after a step whose output did not end its last line: glued to that line. */
const BUILDAH_GLUED = /^(.+?)(--> (?:Using cache )?[0-9a-f]{6,64})$/
/** Lines a step keeps for the failure it may end in; the page gets every line as output events. */
const TAIL_LINES = 40

/** A classic step's first line, Docker's or Buildah's: its position and instruction. */
function stepLine(line: string): { position: string; instruction: string } | null {
  const docker = CLASSIC_STEP.exec(line)
  if (docker) return { position: docker[1] ?? '', instruction: docker[2] ?? '' }
  const buildah = BUILDAH_STEP.exec(line)
  if (!buildah) return null
  // Buildah counts steps per stage, as BuildKit does; its stages are unnamed here, so they get BuildKit's `stage-N`.
  const stage = buildah[1] ? `stage-${Number(buildah[1]) - 1} ` : ''
  return { position: `${stage}${buildah[2] ?? ''}`, instruction: buildah[3] ?? '' }
}

interface StepRecord extends BuildStep {
  tail: string[]
  /** BuildKit: the partial line a log ended with. */
  partial: string
}

export class BuildTracker {
  private readonly steps: StepRecord[] = []
  private readonly byDigest = new Map<string, StepRecord>()
  private classicCurrent?: StepRecord
  private classicStarted = 0
  private classicPartial = ''
  imageId?: string
  error?: string
  /** Set when something a page shows changed; the caller clears it after sending. */
  stepsChanged = false

  constructor(
    readonly builder: Builder,
    private readonly onLines: (lines: BuildOutputLine[]) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The steps in Dockerfile order: BuildKit names them as it reaches them, stages in parallel. */
  snapshot(): BuildStep[] {
    const stages: string[] = []
    const key = (s: StepRecord) => {
      const [stage, n] = s.position.includes(' ') ? [s.position.slice(0, s.position.lastIndexOf(' ')), s.position.slice(s.position.lastIndexOf(' ') + 1)] : ['', s.position]
      if (!stages.includes(stage)) stages.push(stage)
      return [stages.indexOf(stage), Number(n.split('/')[0])]
    }
    const keyed = this.steps.map((s) => ({ s, k: key(s) }))
    return keyed
      .sort((a, b) => a.k[0]! - b.k[0]! || a.k[1]! - b.k[1]!)
      .map(({ s }) => s)
      .map(({ tail: _tail, partial: _partial, ...step }) => ({ ...step }))
  }

  /** The step that failed, or the last one that ran, for a failure message. */
  failedStep(): StepRecord | undefined {
    return this.steps.find((s) => s.state === 'failed') ?? [...this.steps].reverse().find((s) => s.state === 'running')
  }

  tailOf(id: number): string[] {
    return this.steps[id]?.tail ?? []
  }

  take(message: EngineBuildMessage): void {
    if (message.error || message.errorDetail) {
      this.error = message.errorDetail?.message ?? message.error ?? 'The build failed.'
      this.fail()
      return
    }
    if (message.id === 'moby.buildkit.trace' && typeof message.aux === 'string') return this.trace(message.aux)
    if (message.aux && typeof message.aux === 'object' && typeof (message.aux as { ID?: unknown }).ID === 'string') {
      this.imageId = (message.aux as { ID: string }).ID
      return
    }
    if (typeof message.stream === 'string') this.classic(message.stream)
  }

  /** The end of the stream: a classic build's last step ends here, and output without a newline is flushed. */
  finish(): void {
    if (this.classicPartial) this.classicLine(this.classicPartial)
    this.classicPartial = ''
    this.endClassicStep()
    for (const step of this.steps) {
      if (step.partial) this.emit(step, [step.partial])
      step.partial = ''
    }
  }

  private fail(): void {
    const step = this.builder === 'classic' ? this.classicCurrent : this.failedStep()
    if (step && step.state === 'running') {
      step.state = 'failed'
      step.error = this.error
      if (this.builder === 'classic') step.durationMs = this.now() - this.classicStarted
      this.stepsChanged = true
    }
  }

  private trace(aux: string): void {
    const status = decodeTrace(aux)
    for (const v of status.vertexes) {
      const match = BUILDKIT_STEP.exec(v.name)
      let step = this.byDigest.get(v.digest)
      if (!step) {
        if (!match || match[1] === 'internal') continue
        step = this.add(match[3] ?? '', match[1] ? `${match[1]} ${match[2]}` : (match[2] ?? ''))
        this.byDigest.set(v.digest, step)
      }
      const state = v.error ? 'failed' : v.cached ? 'cached' : v.completed ? 'done' : v.started ? 'running' : 'waiting'
      if (state !== step.state) this.stepsChanged = true
      step.state = state
      if (v.error) step.error = v.error
      if (v.started !== undefined && v.completed !== undefined && !v.cached) step.durationMs = Math.max(0, Math.round(v.completed - v.started))
    }
    for (const log of status.logs) {
      const step = this.byDigest.get(log.vertex)
      if (!step) continue
      const text = step.partial + log.data.toString('utf8')
      const lines = text.split(/\r?\n/)
      step.partial = lines.pop() ?? ''
      this.emit(step, lines)
    }
  }

  private classic(text: string): void {
    const lines = (this.classicPartial + text).split('\n')
    this.classicPartial = lines.pop() ?? ''
    lines.forEach((line) => this.classicLine(line))
  }

  private classicLine(line: string): void {
    const started = stepLine(line)
    if (started) {
      this.endClassicStep()
      this.classicCurrent = this.add(started.instruction, started.position)
      this.classicCurrent.state = 'running'
      this.classicStarted = this.now()
      return
    }
    if (BUILDAH_OWN.test(line)) return this.onLines([{ text: line }])
    const glued = this.classicCurrent && !line.startsWith(' ---> ') && BUILDAH_GLUED.exec(line)
    if (glued) {
      this.classicLine(glued[1] as string)
      return this.classicLine(glued[2] as string)
    }
    const current = this.classicCurrent
    if (!current) return this.onLines([{ text: line }])
    if (line === ' ---> Using cache' || BUILDAH_CACHED.test(line)) {
      current.state = 'cached'
      this.stepsChanged = true
      return
    }
    // The builder's own bookkeeping lines, not the step's output.
    if (/^ ---> /.test(line) || /^Removing intermediate container /.test(line)) return
    if (/^Successfully (built|tagged) /.test(line)) {
      this.endClassicStep()
      return this.onLines([{ text: line }])
    }
    this.emit(current, [line])
  }

  private endClassicStep(): void {
    const step = this.classicCurrent
    if (!step) return
    if (step.state === 'running') {
      step.state = 'done'
      step.durationMs = this.now() - this.classicStarted
    }
    this.classicCurrent = undefined
    this.stepsChanged = true
  }

  private add(instruction: string, position: string): StepRecord {
    const step: StepRecord = { id: this.steps.length, instruction, position, state: 'waiting', lines: 0, tail: [], partial: '' }
    this.steps.push(step)
    this.stepsChanged = true
    return step
  }

  private emit(step: StepRecord, lines: string[]): void {
    if (!lines.length) return
    step.lines += lines.length
    step.tail.push(...lines)
    if (step.tail.length > TAIL_LINES) step.tail.splice(0, step.tail.length - TAIL_LINES)
    this.onLines(lines.map((text) => ({ step: step.id, text })))
  }
}
