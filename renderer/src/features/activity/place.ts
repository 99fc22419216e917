// The page a route is on, as the activity bar keys what happened: one container's tabs are one page
// (its Stop button is on all of them), the containers list another.
import type { RouteLocationNormalizedLoaded } from 'vue-router'

export function pageOf(route: RouteLocationNormalizedLoaded): string {
  const page = route.matched[0]
  if (!page) return route.path
  return page.path.replace(/:(\w+)[^/]*/g, (_, param: string) => {
    const value = route.params[param]
    return encodeURIComponent(Array.isArray(value) ? value.join('/') : (value ?? ''))
  })
}
