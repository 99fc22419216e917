// One `--mount` value as the 20.10 CLI reads it (opts/mount.go): comma-separated key=value fields in
// CSV quoting, type volume unless told, and each type's own options. The spec keeps the text as
// typed; this gives the engine's Mount for it, or the CLI's reason for refusing it in a sentence.
import { sizeBytes } from './units'

export interface EngineMount {
  Type: string
  Source?: string
  Target: string
  ReadOnly?: boolean
  Consistency?: string
  BindOptions?: { Propagation?: string; NonRecursive?: boolean }
  VolumeOptions?: { NoCopy?: boolean; Labels?: Record<string, string>; DriverConfig?: { Name?: string; Options?: Record<string, string> } }
  TmpfsOptions?: { SizeBytes?: number; Mode?: number }
}

/** One CSV record (Go's encoding/csv): "a,b", with "…" quoting and "" for a quote inside it. */
function csvFields(text: string): string[] | null {
  const fields: string[] = []
  let i = 0
  while (i <= text.length) {
    if (text[i] === '"') {
      let value = ''
      i++
      for (;;) {
        if (i >= text.length) return null
        if (text[i] === '"') {
          if (text[i + 1] === '"') { value += '"'; i += 2; continue }
          i++
          break
        }
        value += text[i++]
      }
      if (i < text.length && text[i] !== ',') return null
      fields.push(value)
    } else {
      const end = text.indexOf(',', i)
      fields.push(text.slice(i, end < 0 ? text.length : end))
      i = end < 0 ? text.length : end
    }
    i++
  }
  return fields
}

const PROPAGATION = ['private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave']
const boolOf = (v: string): boolean | null => (/^(1|t|T|TRUE|true|True)$/.test(v) ? true : /^(0|f|F|FALSE|false|False)$/.test(v) ? false : null)
const setOn = (map: Record<string, string>, value: string) => {
  const at = value.indexOf('=')
  if (at < 0) map[value] = ''
  else map[value.slice(0, at)] = value.slice(at + 1)
}

export function parseMountFlag(text: string): { mount: EngineMount } | { error: string } {
  const fields = csvFields(text)
  if (!fields) return { error: `"${text}" is not comma-separated key=value fields` }
  const mount: EngineMount = { Type: 'volume', Target: '' }
  const volume = () => {
    mount.VolumeOptions ??= { Labels: Object.create(null) as Record<string, string> }
    mount.VolumeOptions.DriverConfig ??= {}
    return mount.VolumeOptions
  }
  const bind = () => (mount.BindOptions ??= {})
  const tmpfs = () => (mount.TmpfsOptions ??= {})
  for (const field of fields) {
    const at = field.indexOf('=')
    const key = (at < 0 ? field : field.slice(0, at)).toLowerCase()
    if (at < 0) {
      if (key === 'readonly' || key === 'ro') { mount.ReadOnly = true; continue }
      if (key === 'volume-nocopy') { volume().NoCopy = true; continue }
      if (key === 'bind-nonrecursive') { bind().NonRecursive = true; continue }
      return { error: `"${field}" must be key=value` }
    }
    const value = field.slice(at + 1)
    const flag = (v: string) => {
      const b = boolOf(v)
      if (b === null) throw new Error(`${key}=${v}: the value is true or false`)
      return b
    }
    try {
      switch (key) {
        case 'type': mount.Type = value.toLowerCase(); break
        case 'source': case 'src': mount.Source = value; break
        case 'target': case 'dst': case 'destination': mount.Target = value; break
        case 'readonly': case 'ro': mount.ReadOnly = flag(value); break
        case 'consistency': mount.Consistency = value.toLowerCase(); break
        case 'bind-propagation': bind().Propagation = value.toLowerCase(); break
        case 'bind-nonrecursive': bind().NonRecursive = flag(value); break
        case 'volume-nocopy': volume().NoCopy = flag(value); break
        case 'volume-label': setOn(volume().Labels ??= {}, value); break
        case 'volume-driver': (volume().DriverConfig ??= {}).Name = value; break
        case 'volume-opt': setOn(((volume().DriverConfig ??= {}).Options ??= Object.create(null) as Record<string, string>), value); break
        case 'tmpfs-size': {
          const bytes = sizeBytes(value)
          if (bytes === null) return { error: `tmpfs-size=${value} is not a size (64m, 1g)` }
          tmpfs().SizeBytes = bytes
          break
        }
        case 'tmpfs-mode': {
          if (!/^[0-7]+$/.test(value) || parseInt(value, 8) > 0xffffffff) return { error: `tmpfs-mode=${value} is not an octal mode (1777)` }
          tmpfs().Mode = parseInt(value, 8)
          break
        }
        default: return { error: `"${key}" is not a --mount key (type, source, target, readonly, bind-propagation, volume-nocopy, volume-opt, tmpfs-size, tmpfs-mode…)` }
      }
    } catch (err) {
      return { error: (err as Error).message }
    }
  }
  if (!['bind', 'volume', 'tmpfs'].includes(mount.Type)) return { error: `type=${mount.Type} is not bind, volume or tmpfs` }
  if (!mount.Target) return { error: 'needs a target (target=/path in the container)' }
  if (!mount.Target.startsWith('/')) return { error: `target ${mount.Target} must be an absolute path` }
  if (mount.VolumeOptions && mount.Type !== 'volume') return { error: `volume-* options do not go with type=${mount.Type}` }
  if (mount.BindOptions && mount.Type !== 'bind') return { error: `bind-* options do not go with type=${mount.Type}` }
  if (mount.TmpfsOptions && mount.Type !== 'tmpfs') return { error: `tmpfs-* options do not go with type=${mount.Type}` }
  if (mount.Type === 'bind' && !mount.Source?.startsWith('/')) return { error: `a bind needs an absolute source (source=/host/path): Berth has no current folder to resolve ${mount.Source ? `"${mount.Source}"` : 'one'} from` }
  if (mount.Type === 'tmpfs' && mount.Source) return { error: 'a tmpfs has no source' }
  if (mount.BindOptions?.Propagation && !PROPAGATION.includes(mount.BindOptions.Propagation)) return { error: `bind-propagation=${mount.BindOptions.Propagation} is not one of ${PROPAGATION.join(', ')}` }
  return { mount }
}
