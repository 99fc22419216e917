// The page's Content-Security-Policy (script-src 'self') forbids eval, and zod probes for it with
// `new Function('')` whenever it builds an object schema: refused, so harmless, but each probe is a
// reported CSP violation. zod's documented `jitless` setting skips the probe; it is set here through
// the global zod reads its settings from, so the page does not load zod just to say so (the schemas
// come with the pages that check forms). Imported first by main.ts, before any module makes a schema.
const page = globalThis as { __zod_globalConfig?: { jitless?: boolean } }
page.__zod_globalConfig = { ...page.__zod_globalConfig, jitless: true }

export {}
