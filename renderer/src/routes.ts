// Where things are, for links and pushes; the table of routes itself is in router.ts.
import type { LocationQuery, RouteLocationRaw } from 'vue-router'

/** Where a container's page is: by name, as the user knows it from the CLI. */
export const containerRoute = (name: string, tab: 'logs' | 'files' = 'logs', query: LocationQuery = {}) => ({
  name: `container-${tab}`,
  params: { name },
  query,
})
export const imageRoute = (reference: string): RouteLocationRaw => ({ name: 'image', params: { reference } })
export const volumeFilesRoute = (name: string): RouteLocationRaw => ({ name: 'volume-files', params: { name } })

/** A popped-out window (or tab) shows the route alone, without the sidebar. */
export const POPOUT_QUERY = 'popout'
