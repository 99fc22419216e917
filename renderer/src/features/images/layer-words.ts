// How a `docker history` step reads as the Dockerfile instruction that made it.

/**
 * The classic builder records `/bin/sh -c #(nop)  ENV A=1` for settings and `/bin/sh -c echo hi` for
 * RUN; BuildKit records `RUN /bin/sh -c echo hi # buildkit`. Both read as the instruction.
 */
export function instructionOf(createdBy: string): string {
  const text = createdBy.replace(/\s+# buildkit$/, '').trim()
  const nop = /^\/bin\/sh -c #\(nop\)\s+(.*)$/s.exec(text)
  if (nop) return (nop[1] ?? '').trim()
  const run = /^\/bin\/sh -c (.*)$/s.exec(text)
  if (run) return `RUN ${run[1] ?? ''}`
  const kitRun = /^RUN \/bin\/sh -c (.*)$/s.exec(text)
  if (kitRun) return `RUN ${kitRun[1] ?? ''}`
  // The classic builder records an exec-form RUN (`RUN ["/bin/busybox", "--install"]`) as its bare command.
  return /^[A-Z]+\s/.test(text) ? text : `RUN ${text}`
}

/** The instruction's first word, for its colour: RUN, COPY, ENV… */
export const verbOf = (instruction: string): string => /^[A-Z]+/.exec(instruction)?.[0] ?? ''
