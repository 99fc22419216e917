// Where things are, for links and pushes; the table of routes itself is in router.ts.
import type { LocationQuery, RouteLocationRaw } from 'vue-router'

export type ContainerTab = 'logs' | 'files' | 'terminal' | 'inspect' | 'changes' | 'stats'

/** Where a container's page is: by name, as the user knows it from the CLI. */
export const containerRoute = (name: string, tab: ContainerTab = 'logs', query: LocationQuery = {}) => ({
  name: `container-${tab}`,
  params: { name },
  query,
})
export type ImageTab = 'summary' | 'layers' | 'inspect'
export const imageRoute = (reference: string, tab: ImageTab = 'summary', query: LocationQuery = {}): RouteLocationRaw => ({
  name: tab === 'summary' ? 'image' : `image-${tab}`,
  params: { reference },
  query,
})
export type NetworkTab = 'summary' | 'inspect'
export const networkRoute = (name: string, tab: NetworkTab = 'summary'): RouteLocationRaw => ({
  name: tab === 'summary' ? 'network' : `network-${tab}`,
  params: { name },
})
export type VolumeTab = 'files' | 'inspect'
export const volumeRoute = (name: string, tab: VolumeTab = 'files'): RouteLocationRaw => ({ name: `volume-${tab}`, params: { name } })
export const volumeFilesRoute = (name: string): RouteLocationRaw => volumeRoute(name, 'files')
export type ProjectTab = 'services' | 'logs' | 'file'
/** Where a compose project's page is: by its name (com.docker.compose.project). */
export const projectRoute = (name: string, tab: ProjectTab = 'services', query: LocationQuery = {}): RouteLocationRaw => ({
  name: tab === 'services' ? 'project' : `project-${tab}`,
  params: { name },
  query,
})

/** A popped-out window (or tab) shows the route alone, without the sidebar. */
export const POPOUT_QUERY = 'popout'

/**
 * The same places as plain `#/…` links, for rows: a list draws hundreds of them, and a plain anchor
 * costs nothing (the router follows the hash change) where a router-link is a component each.
 * Segments are encoded as the router encodes params, so both read back to the same name.
 */
const segment = (value: string): string => encodeURIComponent(value)
export const containerHref = (name: string, tab: ContainerTab = 'logs'): string => `#/containers/${segment(name)}/${tab}`
export const imageHref = (reference: string): string => `#/images/${segment(reference)}`
export const networkHref = (name: string): string => `#/networks/${segment(name)}`
export const volumeFilesHref = (name: string): string => `#/volumes/${segment(name)}/files`
export const volumeInspectHref = (name: string): string => `#/volumes/${segment(name)}/inspect`
export const projectHref = (name: string, tab: ProjectTab = 'services'): string => `#/projects/${segment(name)}${tab === 'services' ? '' : `/${tab}`}`
