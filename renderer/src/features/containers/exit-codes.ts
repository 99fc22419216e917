// What an exit code above 128 says: the process was ended by signal (code − 128), which is what a
// stop that ran out of time, `docker kill` and the memory limit leave behind.
const MEANINGS: Record<number, string> = {
  137: 'killed with SIGKILL (137 = 128 + 9): docker stop’s timeout ran out before the process exited on SIGTERM, or docker kill, or the memory limit',
  143: 'ended by SIGTERM (143 = 128 + 15): stopped, and it exited when asked',
  130: 'ended by SIGINT (130 = 128 + 2): Ctrl-C',
}

export function exitCodeMeaning(code: number | null | undefined): string | null {
  return code === null || code === undefined ? null : (MEANINGS[code] ?? null)
}
