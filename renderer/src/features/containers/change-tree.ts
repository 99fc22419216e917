// `docker diff` as a tree: the engine lists each changed path (and the folders above it, as changed);
// the tab shows folders that open and close. Built once per answer; flattening to the rows on screen
// is a walk over what is open, so 10,000 paths open at once.
import type { ChangeKind, PathChange } from '@common/contract/containers'

export interface ChangeNode {
  path: string
  name: string
  /** What the engine said about this path; none for a folder only named as the parent of a change. */
  kind?: ChangeKind
  children: ChangeNode[]
}

export interface ChangeRow {
  node: ChangeNode
  depth: number
  open: boolean
}

const byName = (a: ChangeNode, b: ChangeNode) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

export function buildChangeTree(changes: readonly PathChange[]): ChangeNode[] {
  const root: ChangeNode = { path: '', name: '', children: [] }
  const nodes = new Map<string, ChangeNode>([['', root]])
  const ensure = (path: string): ChangeNode => {
    const known = nodes.get(path)
    if (known) return known
    const cut = path.lastIndexOf('/')
    const parent = ensure(cut <= 0 ? '' : path.slice(0, cut))
    const node: ChangeNode = { path, name: path.slice(cut + 1), children: [] }
    parent.children.push(node)
    nodes.set(path, node)
    return node
  }
  for (const change of changes) ensure(change.path).kind = change.kind
  const sort = (node: ChangeNode) => {
    node.children.sort(byName)
    node.children.forEach(sort)
  }
  sort(root)
  return root.children
}

/** The rows on screen: every node whose folders are all open (folders start open). */
export function visibleRows(roots: readonly ChangeNode[], closed: ReadonlySet<string>): ChangeRow[] {
  const rows: ChangeRow[] = []
  const walk = (nodes: readonly ChangeNode[], depth: number) => {
    for (const node of nodes) {
      const open = !closed.has(node.path)
      rows.push({ node, depth, open })
      if (open && node.children.length) walk(node.children, depth + 1)
    }
  }
  walk(roots, 0)
  return rows
}

export function countKinds(changes: readonly PathChange[]): Record<ChangeKind, number> {
  const counts: Record<ChangeKind, number> = { added: 0, changed: 0, deleted: 0 }
  for (const c of changes) counts[c.kind]++
  return counts
}
