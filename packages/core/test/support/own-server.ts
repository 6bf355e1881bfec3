import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A port nothing listens on right now (127.0.0.1). */
export function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

/**
 * Where a store server of a test's own starts (the adapters' own-postgres, own-redis, own-cluster): `ports` spare
 * ports and a temporary directory named `latch-<name>-…`; `remove()` deletes the directory and what the server left in it.
 */
export async function ownServerSpace(name: string, ports = 1): Promise<{ dir: string; ports: number[]; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `latch-${name}-`))
  const taken: number[] = []
  try {
    while (taken.length < ports) {
      const port = await sparePort()
      if (!taken.includes(port)) taken.push(port)
    }
  } catch (e) {
    await rm(dir, { recursive: true, force: true })
    throw e
  }
  return { dir, ports: taken, remove: () => rm(dir, { recursive: true, force: true }) }
}
