// Streams (log panes, terminals, stats) belong to the page that opened them, under names it chose,
// and all of them close when that page goes away: one table of them per page, made on first use.
import type { Caller } from './router'

/** Returns each page's streams by name; `close` runs for every one still open when its page goes. */
export function pageStreams<T>(close: (stream: T) => void): (caller: Caller) => Map<string, T> {
  const pages = new WeakMap<Caller, Map<string, T>>()
  return (caller) => {
    let streams = pages.get(caller)
    if (!streams) {
      const mine = new Map<string, T>()
      pages.set(caller, mine)
      caller.onClose(() => {
        mine.forEach(close)
        mine.clear()
      })
      streams = mine
    }
    return streams
  }
}
