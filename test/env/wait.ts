// Tests wait for states, never for time. Each wait has a budget named for what it covers: generous,
// because a budget only bounds a hang (timing goals live in bench/), and the suite must pass with
// both cores busy.

/** One call to the engine answered, or one event from it heard and acted on by Berth (a list refreshed, a line shown). */
export const ENGINE_ANSWER_MS = 15_000
/** A container started, its short command run and printed, or stopped. */
export const CONTAINER_RUN_MS = 30_000
/** The engine stopped or started again, and Berth noticing (its retries come every 2 s at most). */
export const ENGINE_RESTART_MS = 60_000
/** A pull, push or build of a small image from this machine (a registry on 127.0.0.1, busybox). */
export const IMAGE_TRANSFER_MS = 120_000

/** A pause between two polls of a state; never a way to let something happen. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Resolves when `check` holds, polling; rejects naming `what` once `budgetMs` has passed. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, budgetMs: number): Promise<void> {
  const deadline = Date.now() + budgetMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${budgetMs} ms waiting for ${what}`)
    await sleep(10)
  }
}

/** `answer`, or a failure naming `what` once `budgetMs` has passed: a call left hanging fails its test. */
export function within<T>(answer: Promise<T>, what: string, budgetMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`${what}: no answer after ${budgetMs} ms`)), budgetMs)))
  return Promise.race([answer, late]).finally(() => clearTimeout(timer))
}
