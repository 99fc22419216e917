// The activity domain: every action Berth ran for the user, with the docker command that does the
// same, when, how long it took and how it ended. Main keeps the history (bounded) in the app's data
// folder; the page appends each finished action and reads the history when it starts.
import { z } from 'zod'
import { call, event } from './spec'
import { noInput, type ErrorCode } from './shared'
import { ACTIVITY_CLI_MAX, ACTIVITY_MESSAGE_MAX as MESSAGE_MAX } from './plain'

export { ACTIVITY_CLI_MAX, ACTIVITY_KEEP } from './plain'
const PLACE_MAX = 2_048

const ERROR_CODES = ['not-found', 'in-use', 'conflict', 'unauthorized', 'engine-unreachable', 'invalid-input', 'internal'] as const satisfies readonly ErrorCode[]

/** One finished action, as the page reports it. */
export const activityEntryInput = z
  .strictObject({
    /** The CLI equivalent, `docker volume rm data`: valid shell, never a secret's value. */
    cli: z.string().min(1, 'must not be empty').max(ACTIVITY_CLI_MAX, `is longer than ${ACTIVITY_CLI_MAX} characters`),
    /** The route of the page it was asked from (`/volumes`, `/containers/web`): where its link leads. */
    place: z.string().max(PLACE_MAX).regex(/^\/[^\s]*$/, 'is not a route in the app (one that starts with "/", with no spaces)'),
    /** When it started, in milliseconds since the epoch. */
    startedAt: z.number().int().min(0).max(8_640_000_000_000_000),
    /** How long it took, in milliseconds. */
    durationMs: z.number().int().min(0).max(31 * 24 * 3600 * 1000),
    result: z.enum(['done', 'failed']),
    /** Why it failed: the sentence the page showed. Only for a failure. */
    error: z.strictObject({ code: z.enum(ERROR_CODES), message: z.string().min(1).max(MESSAGE_MAX) }).optional(),
  })
  .superRefine((entry, ctx) => {
    if (entry.result === 'failed' && !entry.error) ctx.addIssue({ code: 'custom', path: ['error'], message: 'is missing: a failed action says why' })
    if (entry.result === 'done' && entry.error) ctx.addIssue({ code: 'custom', path: ['error'], message: 'is only for a failed action' })
  })
export type ActivityEntryInput = z.input<typeof activityEntryInput>

/** A finished action as the history keeps it: numbered in the order it was appended. */
export type ActivityEntry = ActivityEntryInput & { id: number }

export interface ActivityHistory {
  /** Oldest first, at most ACTIVITY_KEEP. */
  entries: ActivityEntry[]
  /** Why the saved history could not be read (it starts empty then), or null. */
  problem: string | null
}

export const activity = {
  calls: {
    /** The kept history, oldest first. */
    history: call<ActivityHistory>()(noInput),
    /** Adds one finished action; the oldest go beyond ACTIVITY_KEEP. Answers it with its number. */
    append: call<ActivityEntry>()(activityEntryInput),
  },
  events: {
    /** An action was appended (from any window): every page's panel lists it. */
    appended: event<ActivityEntry>(),
  },
}
