// The handlers of the engine Berth shows, and what pages opened on it. Each page is seen through a
// caller of this generation: its onClose callbacks run when the page goes, or when the generation
// ends (Berth switched engines), so every stream of the old engine closes the way it closes for a
// page that went, with a sentence for the page that stays.
import type { Handlers } from './router'
import { createRouter, type Caller, type Router, type StreamEnding } from './router'

export class Generation {
  readonly router: Router
  private readonly callers = new WeakMap<Caller, Caller>()
  private readonly cleanups = new Set<(ending: StreamEnding) => void>()
  private ending: StreamEnding | null = null

  constructor(readonly handlers: Handlers) {
    this.router = createRouter(handlers)
  }

  /** The page as this generation's handlers see it: one caller per page, so streams keep their owner. */
  callerFor(page: Caller): Caller {
    let caller = this.callers.get(page)
    if (caller) return caller
    caller = {
      send: (domain, event, payload) => page.send(domain, event, payload),
      onClose: (cleanup) => {
        let done = false
        const run = (ending?: StreamEnding) => {
          if (done) return
          done = true
          this.cleanups.delete(run)
          cleanup(ending)
        }
        // Opened while the switch happened: it closes at once.
        if (this.ending) return run(this.ending)
        this.cleanups.add(run)
        page.onClose(() => run())
      },
    }
    this.callers.set(page, caller)
    return caller
  }

  /** Closes every stream pages opened on this generation's engine, telling each page why. */
  end(ending: StreamEnding): void {
    this.ending = ending
    ;[...this.cleanups].forEach((cleanup) => cleanup(ending))
  }
}
