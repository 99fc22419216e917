// The (b) part of `npm run bench:terminal`, in a process of its own as a page would be: opens an exec
// of the flood over the browser mode's WebSocket, acknowledges like the page, and prints the time
// from the call to the process's end with every byte in, and how many messages carried them.
// Arguments come in BENCH_CLIENT (JSON).
import { connectClient } from '../test/env/ws-client'

interface Args {
  port: number
  token: string
  origin: string
  id: string
  bytes: number
  command: string[]
  ackEvery: number
}

async function main(): Promise<void> {
  const args = JSON.parse(process.env.BENCH_CLIENT ?? '{}') as Args
  const client = await connectClient(args)
  const session = 'bench'
  let bytes = 0
  let acked = 0
  let messages = 0
  const start = performance.now()
  await new Promise<void>((done, fail) => {
    client.berth.terminal.onOutput(({ data }) => {
      bytes += data.length
      messages++
      if (bytes - acked >= args.ackEvery) {
        acked = bytes
        void client.berth.terminal.ack({ session, bytes })
      }
    })
    client.berth.terminal.onState((s) => s.phase !== 'attached' && done())
    void client.berth.terminal.exec({ session, id: args.id, size: { cols: 80, rows: 24 }, command: args.command }).then((r) => !r.ok && fail(new Error(r.error.message)))
  })
  const ms = performance.now() - start
  client.close()
  if (bytes < args.bytes) throw new Error(`only ${bytes} bytes arrived`)
  process.stdout.write(`${JSON.stringify({ ms, messages })}\n`)
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
