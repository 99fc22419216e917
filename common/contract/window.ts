// The window domain: pop a place in the app out into a window of its own.
import { z } from 'zod'
import { call } from './spec'

/**
 * A place in the app, as the page's router writes it: `/containers/web/logs`, `/images/app%3A1?popout=1`.
 * Main puts it after `#` of its own page URL, so it can never name another page or scheme.
 */
export const appRoute = z
  .string()
  .max(1024)
  .regex(/^\/(containers|images|volumes|networks|registries|build|projects|compose)(\/(?!\.\.?(\/|\?|$))[A-Za-z0-9%._~:@!$&'()*+,;=-]+)*(\?[A-Za-z0-9%._~=&-]*)?$/, 'is not a place in Berth')

export const appWindow = {
  calls: {
    /** Opens a route of the app in a window of its own; false where the host has no windows (browser mode opens a tab). */
    popOut: call<{ opened: boolean }>()(z.strictObject({ route: appRoute })),
  },
  events: {},
}
