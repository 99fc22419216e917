import Dockerode from 'dockerode'
import { Readable } from 'node:stream'
const docker = new Dockerode({ socketPath: process.argv[2] })
;(async () => {
  const stream = (await docker.importImage(Readable.from([Buffer.alloc(1024)]) as any, { repo: 'berth-helper', tag: '1', changes: ['CMD ["/berth-helper-never-runs"]', 'LABEL berth.helper=image'] } as any)) as any
  let out = ''
  for await (const c of stream) out += c.toString()
  console.log('import:', out)
  console.log((await docker.listImages({ all: true })).map((i) => [i.Id, i.RepoTags, i.Labels]))
  try { console.log(await docker.getImage('berth-helper:1').inspect()) } catch (e) { console.log('inspect err', (e as Error).message) }
})()
