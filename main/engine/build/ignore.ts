// .dockerignore, read the way the docker CLI reads it (cli/cli/command/image/build/dockerignore +
// moby's fileutils.PatternMatcher), matched with @balena/dockerignore, a port of that matcher.
import ignore from '@balena/dockerignore'
import { posix } from 'node:path'

export interface IgnoreRules {
  /** True when the path (relative, with '/') is excluded from the context. */
  ignores(path: string): boolean
  /** Whether a directory that is excluded may still hold an excepted (`!…`) path, so it must be walked. */
  mayHoldException(dir: string): boolean
  /** The cleaned patterns, `!` kept, in order. */
  patterns: string[]
}

/** Patterns from a .dockerignore's text, cleaned exactly as the CLI's ReadAll cleans them. */
export function readPatterns(text: string): string[] {
  const patterns: string[] = []
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line) => {
      let pattern = line.trim()
      if (pattern === '' || pattern.startsWith('#')) return
      const invert = pattern.startsWith('!')
      if (invert) pattern = pattern.slice(1).trim()
      if (pattern.length > 0) {
        pattern = posix.normalize(pattern).replace(/\/+$/, '') || '/'
        if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1)
      }
      patterns.push(invert ? `!${pattern}` : pattern)
    })
  return patterns
}

/**
 * The rules for one build. The Dockerfile and .dockerignore are always sent, as the CLI does
 * (TrimBuildFilesFromExcludes adds `!` exceptions for them when a pattern excludes them).
 */
export function ignoreRules(patterns: string[], dockerfile: string): IgnoreRules {
  const all = [...patterns]
  const base = ignoreFrom(all)
  if (base.ignores('.dockerignore')) all.push('!.dockerignore')
  if (base.ignores(dockerfile)) all.push(`!${dockerfile}`)
  const matcher = all.length === patterns.length ? base : ignoreFrom(all)
  const exceptions = all.filter((p) => p.startsWith('!')).map((p) => p.slice(1))
  return {
    patterns: all,
    ignores: (path) => matcher.ignores(path),
    // moby's archive walk: an excluded directory is skipped unless an exception pattern starts with it.
    mayHoldException: (dir) => exceptions.some((p) => `${p}/`.startsWith(`${dir}/`)),
  }
}

function ignoreFrom(patterns: string[]) {
  const matcher = ignore({ ignorecase: false }).add(patterns.filter((p) => p !== '!'))
  // The matcher caches answers in a plain object, where a file named "constructor" would find
  // Object.prototype's member and count as kept whatever the rules say.
  ;(matcher as unknown as { _cache: Record<string, boolean> })._cache = Object.create(null) as Record<string, boolean>
  return matcher
}
