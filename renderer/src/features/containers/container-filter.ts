// The containers list's filter: a container shows when its name or image holds the typed words in
// any case, its id starts with them, or its compose project's name holds them as typed. It runs for
// every container at each keystroke, so each container's lower-cased name and image are worked out
// once and kept beside it: rows are replaced when they change, never changed in place, so what is
// kept for a row stays right while it lives, and goes with it.
import type { ContainerSummary } from '@common/contract/containers'

interface SearchKeys {
  name: string
  image: string
}
const keys = new WeakMap<ContainerSummary, SearchKeys>()

function keysOf(c: ContainerSummary): SearchKeys {
  let found = keys.get(c)
  if (!found) keys.set(c, (found = { name: c.name.toLowerCase(), image: c.image.toLowerCase() }))
  return found
}

/** The test for the words in the filter box, as typed (trimmed and lower-cased here); null when every container passes. */
export function containerMatcher(query: string): ((c: ContainerSummary) => boolean) | null {
  const q = query.trim().toLowerCase()
  if (!q) return null
  return (c) => {
    const k = keysOf(c)
    return k.name.includes(q) || k.image.includes(q) || c.id.startsWith(q) || !!c.compose?.project.includes(q)
  }
}
