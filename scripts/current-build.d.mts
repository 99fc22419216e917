// Types of current-build.mjs, for the TypeScript that imports it (electron.vite.config.ts, bench/).
export declare const buildStampOf: (root: string) => string
export declare function sourcesHash(root: string): string
export declare function buildIsCurrent(root: string): boolean
export declare function ensureBuilt(root: string): void
