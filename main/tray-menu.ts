// What the tray menu shows: the engine's state and its containers, running first, each with the
// action that makes sense for it. Plain data (no electron import) so it is tested under Node; tray.ts
// turns it into a native menu.
import { isUp, type ContainerSummary } from '@common/contract/containers'
import type { EngineStatus } from '@common/contract/engine'
import { statusWords } from '@common/duration'

export type TrayAction = 'start' | 'stop' | 'restart'

export interface TrayItem {
  label: string
  enabled?: boolean
  /** The container this item acts on, and how. */
  action?: { kind: TrayAction; id: string; name: string }
  submenu?: TrayItem[]
  /** Opens the main window. */
  open?: boolean
  quit?: boolean
  separator?: boolean
}

/** Beyond this the menu is too long to use; the window lists everything. */
export const MAX_TRAY_CONTAINERS = 15

const up = (c: ContainerSummary) => isUp(c.state)

function containerItem(c: ContainerSummary): TrayItem {
  const isRunning = up(c)
  const act = (kind: TrayAction, label: string): TrayItem => ({ label, action: { kind, id: c.id, name: c.name } })
  return {
    label: `${isRunning ? '●' : '○'}  ${c.name}`,
    submenu: [
      { label: `${c.image} — ${statusWords(c, Date.now())}`, enabled: false },
      isRunning ? act('stop', 'Stop') : act('start', 'Start'),
      act('restart', 'Restart'),
    ],
  }
}

export function trayMenu(status: EngineStatus, containers: ContainerSummary[]): TrayItem[] {
  const header: TrayItem =
    status.state === 'connected'
      ? { label: `Engine ${status.version ?? ''} — ${containers.filter(up).length} running`, enabled: false }
      : { label: status.state === 'connecting' ? 'Connecting to the engine…' : 'Engine not reachable', enabled: false }
  const sorted = [...containers].sort((a, b) => Number(up(b)) - Number(up(a)) || a.name.localeCompare(b.name))
  const shown = status.state === 'connected' ? sorted.slice(0, MAX_TRAY_CONTAINERS) : []
  const more = sorted.length - shown.length
  return [
    header,
    { label: '', separator: true },
    ...shown.map(containerItem),
    ...(status.state === 'connected' && containers.length === 0 ? [{ label: 'No containers', enabled: false }] : []),
    ...(status.state === 'connected' && more > 0 ? [{ label: `${more} more in the window…`, open: true }] : []),
    { label: '', separator: true },
    { label: 'Open Berth', open: true },
    { label: 'Quit Berth', quit: true },
  ]
}
