// Keeps a growing output scrolled to its end while the user leaves it there (a build's output, a
// compose run's): scrolled up to read, it stays put; back at the bottom, it follows again.
import { nextTick, watch, type Ref, type WatchSource } from 'vue'

/** How near the end still counts as at it: a line or two, so a wheel's last notch does not stop following. */
const NEAR_PX = 40

export function useFollowBottom(box: Readonly<Ref<HTMLElement | null>>, grows: WatchSource<unknown>): void {
  watch(grows, async () => {
    const el = box.value
    const atBottom = !el || el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_PX
    await nextTick()
    if (atBottom && box.value) box.value.scrollTop = box.value.scrollHeight
  })
}
