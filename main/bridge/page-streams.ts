// Streams (log panes, terminals, stats) belong to the page that opened them, under names it chose,
// and all of them close when that page goes away, or when Berth switches to another engine (then
// `close` gets the ending, to tell the page): one table of them per page, made on first use.
import type { Caller, StreamEnding } from './router'

type Close<T> = (stream: T, name: string, caller: Caller, ending?: StreamEnding) => void

/** Returns each page's streams by name; `close` runs for every one still open when its page goes. */
export function pageStreams<T>(close: Close<T>): (caller: Caller) => Map<string, T> {
  const pages = new WeakMap<Caller, Map<string, T>>()
  return (caller) => {
    let streams = pages.get(caller)
    if (!streams) {
      const mine = new Map<string, T>()
      pages.set(caller, mine)
      caller.onClose((ending) => {
        mine.forEach((stream, name) => close(stream, name, caller, ending))
        mine.clear()
      })
      streams = mine
    }
    return streams
  }
}
