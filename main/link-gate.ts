// Which links leave Berth for the user's browser. Container output (logs, a terminal) can hold any
// URL, so a link is never trusted for what it says: it is parsed the way the browser will parse it,
// and only a short list of documentation hosts opens without asking.
// Pure (no electron) so that every rule is tested under Node; main/electron/window.ts only acts on the answer.
import { isAppUrl } from './bridge/ipc'
import pkg from '../package.json'
import { appRoute } from '@common/contract/window'

/** Hosts whose pages open without a question: Docker's documentation and Hub, and Berth's own page. */
export const documentationHosts: readonly string[] = documentationHostsFor((pkg as { homepage?: unknown }).homepage)

/** The list for a package.json `homepage`: its host joins Docker's when it is an https URL. */
export function documentationHostsFor(homepage: unknown): string[] {
  return ['docs.docker.com', 'hub.docker.com', ...hostOf(homepage)]
}

export type LinkDecision =
  /** A documentation page: hand `url` (the parsed, normalized form) to the browser. */
  | { action: 'open'; url: string }
  /** Any other web page: ask first, naming `host` (punycode, so a look-alike name shows as such). */
  | { action: 'ask'; url: string; host: string; shown: string }
  /** One of Berth's own places (a middle-clicked `#/…` link): open `route` in a Berth window, never a browser. */
  | { action: 'internal'; route: string }
  /** Anything else: `file:`, `javascript:`, `data:`, custom schemes, credentials in the URL, unparsable text. */
  | { action: 'refuse'; reason: string }

/** How long the URL in the question may be before its middle is cut. */
const SHOWN_MAX = 80

export function decideLink(raw: string, appUrl?: string, hosts: readonly string[] = documentationHosts): LinkDecision {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { action: 'refuse', reason: 'is not a URL' }
  }
  if (appUrl !== undefined && isAppUrl(url.href, appUrl)) {
    const route = url.hash.slice(1)
    return appRoute.safeParse(route).success ? { action: 'internal', route } : { action: 'refuse', reason: 'is not a place in Berth' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { action: 'refuse', reason: `${url.protocol} links do not leave Berth` }
  // `https://docs.docker.com@evil.example` goes to evil.example: a name before `@` is there to mislead.
  if (url.username !== '' || url.password !== '' || /^[a-z]+:\/*[^/?#]*@/i.test(raw.trim())) {
    return { action: 'refuse', reason: 'carries a user name or password' }
  }
  // The WHATWG parser has lowercased the host and turned IDN into punycode; a trailing dot or a port
  // makes it another host than the one on the list, so it is asked about, not opened.
  if (url.protocol === 'https:' && url.port === '' && hosts.includes(url.hostname)) return { action: 'open', url: url.href }
  return { action: 'ask', url: url.href, host: url.host, shown: shorten(url.href) }
}

/** The question for an `ask` decision, worded for a dialog. */
export function askText(decision: { host: string; shown: string }): { message: string; detail: string } {
  return {
    message: `Open ${decision.shown} in your browser?`,
    detail: `It is not a documentation page Berth knows. The link goes to ${decision.host}.`,
  }
}

function hostOf(homepage: unknown): string[] {
  if (typeof homepage !== 'string') return []
  try {
    const url = new URL(homepage)
    return url.protocol === 'https:' && url.port === '' ? [url.hostname] : []
  } catch {
    return []
  }
}

function shorten(href: string): string {
  if (href.length <= SHOWN_MAX) return href
  return `${href.slice(0, SHOWN_MAX - 21)}…${href.slice(-20)}`
}
