// The one open file browser: a volume's or a container's files. The Volumes view and the container
// Files panel both show it, so they behave the same.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { berth, hostPathsOf } from '../../bridge'
import { downloadUrl, httpTransfers, uploadFile } from '../../bridge/transfer'
import { useActivityStore } from '../activity/activity-store'
import type { BerthError } from '@common/contract/shared'
import type { DirectoryListing, FileEntry, TextFile } from '@common/contract/files'
import type { FileTarget } from '@common/contract/volumes'
// The desktop window sends a dropped file's bytes over the bridge itself only up to the contract's
// limit (the browser mode streams any size); it is shown in the same units as the file list.
import { MAX_BRIDGE_UPLOAD_BYTES } from '@common/contract/files'
import { formatSize, shortId } from '../../shared/format'
import { cliLine, shellWord } from '../../shared/cli'
import { useContainersStore } from '../containers/containers-store'

export interface Upload {
  name: string
  dir: string
  fraction: number
  error?: string
}

const join = (dir: string, name: string) => (dir.endsWith('/') ? dir : `${dir}/`) + name

/**
 * How the CLI names the place, quoted as a shell word: `web:/etc` (the container's name, as the user
 * types it), or for a volume, which `docker cp` cannot name, a placeholder that says so.
 */
export function cliPlace(target: FileTarget, path: string, containerName?: string): string {
  if (target.kind === 'container') return shellWord(`${containerName ?? shortId(target.id)}:${path}`)
  return `<volume ${shellWord(target.name)}>:${shellWord(path)}`
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

export const useFilesStore = defineStore('files', () => {
  const target = ref<FileTarget | null>(null)
  const title = ref('')
  const listing = ref<DirectoryListing | null>(null)
  const loading = ref(false)
  const error = ref<BerthError | null>(null)
  const preview = ref<TextFile | null>(null)
  const uploads = ref<Upload[]>([])
  const activity = useActivityStore()
  const containers = useContainersStore()
  /** The CLI place for the open target, naming a container by its name. */
  const place = (where: FileTarget, at: string) =>
    cliPlace(where, at, where.kind === 'container' ? containers.list.find((c) => c.id === where.id)?.name : undefined)

  const path = computed(() => listing.value?.path ?? '/')
  const crumbs = computed(() => {
    const parts = path.value.split('/').filter(Boolean)
    return [{ name: '/', path: '/' }, ...parts.map((name, i) => ({ name, path: `/${parts.slice(0, i + 1).join('/')}` }))]
  })

  async function cd(next: string): Promise<void> {
    if (!target.value) return
    loading.value = true
    preview.value = null
    const result = await berth.files.list({ target: target.value, path: next })
    loading.value = false
    if (result.ok) {
      listing.value = result.value
      error.value = null
    } else error.value = result.error
  }

  function open(next: FileTarget, label: string, at = '/'): Promise<void> {
    target.value = next
    title.value = label
    listing.value = null
    uploads.value = []
    return cd(at)
  }

  function close(): void {
    target.value = null
    listing.value = null
    preview.value = null
    error.value = null
  }

  async function openFile(entry: FileEntry): Promise<void> {
    if (!target.value) return
    const result = await berth.files.read({ target: target.value, path: join(path.value, entry.name) })
    if (result.ok) preview.value = result.value
    else error.value = result.error
  }

  /** A download link for an entry of the current folder (or the folder itself), in browser mode. */
  function downloadLink(entry?: FileEntry): string | null {
    if (!target.value || !httpTransfers) return null
    return downloadUrl(target.value, entry ? join(path.value, entry.name) : path.value)
  }

  async function uploadOne(into: FileTarget, dir: string, file: File): Promise<boolean> {
    const upload: Upload = { name: file.name, dir, fraction: 0 }
    uploads.value = [...uploads.value, upload]
    const tracked = uploads.value[uploads.value.length - 1] as Upload
    const result = await activity.track(`${cliLine('docker', 'cp', file.name)} ${place(into, dir)}`, async () => {
      if (httpTransfers) return uploadFile(into, dir, file, (f) => (tracked.fraction = f))
      if (file.size > MAX_BRIDGE_UPLOAD_BYTES) {
        return { ok: false as const, error: { code: 'invalid-input' as const, message: `"${file.name}" is too big to drop here (over ${formatSize(MAX_BRIDGE_UPLOAD_BYTES)}); use docker cp for now.` } }
      }
      return berth.files.upload({ target: into, dir, name: file.name, data: await toBase64(file) })
    })
    tracked.fraction = 1
    if (!result.ok) tracked.error = result.error.message
    return result.ok
  }

  /** The desktop window can drag an entry out onto the desktop; the browser downloads instead. */
  const canDragOut = !httpTransfers

  async function dragOut(entry: FileEntry): Promise<void> {
    const where = target.value
    if (!where) return
    const from = join(path.value, entry.name)
    await activity.track(`${cliLine('docker', 'cp')} ${place(where, from)} ~/Desktop`, () => berth.files.dragOut({ target: where, path: from }))
  }

  /** Files dropped on a folder (the current one, or a folder row), one after another. */
  async function upload(files: File[], into?: FileEntry): Promise<void> {
    const where = target.value
    if (!where) return
    const dir = into ? join(path.value, into.name) : path.value
    const hostPaths = hostPathsOf(files)
    if (hostPaths) {
      // The desktop window streams them from disk in main: any size, folders included.
      await activity.track(`${cliLine('docker', 'cp', ...files.map((f) => f.name))} ${place(where, dir)}`, () => berth.files.copyIn({ target: where, dir, hostPaths }))
    } else {
      for (const file of files) await uploadOne(where, dir, file)
    }
    if (target.value === where) await cd(path.value)
  }

  return { target, title, listing, loading, error, preview, uploads, path, crumbs, open, close, cd, openFile, downloadLink, upload, canDragOut, dragOut }
})
