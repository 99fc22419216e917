// The registry domain: `docker login / logout / tag / pull / push`. Never a password or token in
// what comes back: only names.
import { z } from 'zod'
import { call, event } from './spec'
import { imageRef, noInput, operationId } from './shared'

/** Where a registry login is kept. */
export type LoginStorage =
  /** A docker-credential-<name> helper from config.json (credsStore / credHelpers): shared with the CLI. */
  | 'helper'
  /** A base64 entry `docker login` wrote into config.json without a helper: Berth reads it, never writes one. */
  | 'config'
  /** Berth's own file, encrypted by the operating system's keychain (Electron safeStorage). */
  | 'encrypted'
  /** Kept in memory until Berth quits: no helper and no secure storage (browser mode). */
  | 'session'

export interface RegistryLogin {
  /** `docker.io` or host[:port] */
  registry: string
  username: string
  storage: LoginStorage
  /** The helper's name, when storage is 'helper'. */
  helper?: string
}

export interface LoginResult extends RegistryLogin {
  /** A sentence about where the credential went, e.g. that it is not stored on disk. */
  note: string
}

export type LayerState =
  | 'waiting'
  | 'downloading'
  | 'extracting'
  | 'done'
  | 'exists'
  | 'preparing'
  | 'pushing'
  | 'pushed'

export interface LayerProgress {
  /** Short layer id, as the CLI prints it. */
  id: string
  state: LayerState
  /** Bytes so far and in all, while downloading, extracting or pushing. */
  current?: number
  total?: number
  /** 0..1 for this layer. */
  fraction: number
}

export interface TransferProgress {
  /** The id the page chose for this pull or push. */
  operation: string
  kind: 'pull' | 'push'
  /** Normalized: docker.io/library/node:latest */
  reference: string
  layers: LayerProgress[]
  /** 0..1 over every layer. */
  overall: number
  /** The engine's latest line that is not about one layer ("Digest: …", "Status: …"). */
  status: string
  finished: boolean
}

export interface TransferResult {
  /** Normalized reference. */
  reference: string
  /** sha256:… of the manifest, when the registry reported it. */
  digest?: string
  cancelled: boolean
  /** Layers the registry (push) or the engine (pull) already had. */
  layersSkipped: number
  layersTransferred: number
}

export interface TagResult {
  /** The new name, as the CLI prints it. */
  target: string
  source: string
}

/** Where a login to this registry would be kept, said before the user types a password. */
export interface LoginStorageInfo {
  registry: string
  storage: LoginStorage
  helper?: string
  note: string
}
/** A registry as `docker login` takes it: host[:port], optionally with a scheme; empty means Docker Hub. */
const registryAddress = z.string().max(255).regex(/^[A-Za-z0-9.:/[\]_-]*$/, 'is not a registry address')

/** An image reference as the user typed it; main explains what is wrong with a bad one. */
const typedReference = z.string().min(1).max(512)

export const registry = {
  calls: {
    /** `docker login`: checked by the engine first; the password stays in main and never comes back. */
    login: call<LoginResult>()(
      z.strictObject({ registry: registryAddress, username: z.string().min(1).max(255), password: z.string().min(1).max(4096) }),
    ),
    logout: call<{ registry: string; removed: boolean }>()(z.strictObject({ registry: registryAddress })),
    /** Registries with a login and their usernames; never a secret. */
    logins: call<RegistryLogin[]>()(noInput),
    /** Where a login to this registry would be kept (a helper, encrypted, or this session only). */
    storage: call<LoginStorageInfo>()(z.strictObject({ registry: registryAddress })),
    tag: call<TagResult>()(z.strictObject({ source: imageRef, target: typedReference })),
    /** The page names the operation, so progress events can be matched before the answer arrives. */
    pull: call<TransferResult>()(z.strictObject({ reference: typedReference, operation: operationId })),
    push: call<TransferResult>()(z.strictObject({ reference: typedReference, operation: operationId })),
    cancel: call<{ cancelled: boolean }>()(z.strictObject({ operation: operationId })),
  },
  events: {
    /** Per-layer and overall progress of a pull or push, sent to the page that started it. */
    progress: event<TransferProgress>(),
  },
}
