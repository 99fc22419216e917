// The colours of services in a project's merged logs: Okabe and Ito's eight colours, picked to stay
// apart for the common colour-vision deficiencies, each darkened (light theme) or lightened (dark
// theme) only as far as a 4.5:1 contrast with the log's background needs, and no further than keeps
// any two of them apart for protan, deutan and tritan eyes too (test/renderer/projects/palette.test.ts).
// Black (white on dark) comes last: it is the colour of the text around it.

export type Theme = 'light' | 'dark'

export const SERVICE_PALETTE: Record<Theme, readonly string[]> = {
  //      orange     sky blue   green      yellow     blue       vermillion purple     white
  dark: ['#e69f00', '#56b4e9', '#0da37a', '#f0e442', '#2687be', '#d55e00', '#cc79a7', '#ffffff'],
  //      orange     sky blue   green      yellow     blue       vermillion purple     black
  light: ['#674800', '#22485d', '#006f51', '#787221', '#0072b2', '#552600', '#995b7d', '#000000'],
}

/** The log pane's background in each theme (styles.css, --log-bg), which the colours are measured against. */
export const LOG_BACKGROUND: Record<Theme, string> = { dark: '#0b0f14', light: '#fbfcfd' }

/**
 * A colour index for each service, in the order given (the page gives them sorted, so a service keeps
 * its colour from one visit to the next); past eight, colours repeat.
 */
export function serviceColours(services: readonly string[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const service of services) if (!out.has(service)) out.set(service, out.size % SERVICE_PALETTE.dark.length)
  return out
}
