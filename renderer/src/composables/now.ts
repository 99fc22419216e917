// One clock for every relative time on screen ("Up 9 minutes", "created 2 hours ago"): a single
// timer, running only while something shows a time, instead of one per row. It ticks every second,
// the finest unit Docker's wording shows; what reads it through a computed redraws only when its
// words change, so a list of old containers costs one cheap check per row per second.
import { getCurrentScope, onScopeDispose, readonly, ref, type Ref } from 'vue'

const TICK_MS = 1000
const now = ref(Date.now())
let users = 0
let timer: ReturnType<typeof setInterval> | null = null

function acquire(): void {
  if (users++ > 0) return
  now.value = Date.now()
  timer = setInterval(() => (now.value = Date.now()), TICK_MS)
}

function release(): void {
  if (--users > 0 || !timer) return
  clearInterval(timer)
  timer = null
}

/** The current time in milliseconds, kept fresh while the calling component (or scope) lives. */
export function useNow(): Readonly<Ref<number>> {
  if (getCurrentScope()) {
    acquire()
    onScopeDispose(release)
  }
  return readonly(now)
}
