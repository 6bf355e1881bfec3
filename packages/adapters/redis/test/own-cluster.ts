import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Cluster } from 'ioredis'
import { ownServerSpace } from '../../../core/test/support/own-server.js'

const run = promisify(execFile)

function startNode(port: number, dir: string): Promise<ChildProcess> {
  const c = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`), '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  return new Promise((resolve, reject) => {
    let out = ''
    c.stdout!.on('data', (d: Buffer) => {
      out += d
      if (/Ready to accept connections/.test(out)) resolve(c)
    })
    c.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)))
  })
}

/**
 * A Redis Cluster of this test's own: three masters on spare ports (no replicas, no persistence) in a temporary
 * directory, created with `redis-cli --cluster create`. `client()` is an ioredis `Cluster` that fails fast.
 */
export async function ownCluster() {
  const space = await ownServerSpace('redis-cluster', 3)
  const { dir, ports } = space
  const nodes: ChildProcess[] = []
  const clients: Cluster[] = []
  try {
    for (const port of ports) nodes.push(await startNode(port, dir))
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'])
    // Wait until every node agrees the cluster is up (slots assigned and gossiped).
    for (let i = 0; ; i++) {
      const states = await Promise.all(ports.map((p) => run('redis-cli', ['-p', String(p), 'cluster', 'info']).then((r) => r.stdout)))
      if (states.every((s) => /cluster_state:ok/.test(s))) break
      if (i > 100) throw new Error(`the test cluster did not come up: ${states.join('\n')}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  } catch (e) {
    for (const n of nodes) n.kill('SIGKILL')
    await space.remove()
    throw e
  }
  return {
    ports,
    client(): Cluster {
      const c = new Cluster(
        ports.map((port) => ({ host: '127.0.0.1', port })),
        { redisOptions: { connectTimeout: 3000, maxRetriesPerRequest: 1 }, clusterRetryStrategy: () => null },
      )
      clients.push(c)
      return c
    },
    async destroy() {
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())))
      await Promise.all(
        nodes.map(
          (n) =>
            new Promise<void>((r) => {
              if (n.exitCode !== null || n.signalCode !== null) return r()
              n.once('exit', () => r())
              n.kill('SIGKILL')
            }),
        ),
      )
      await space.remove()
    },
  }
}
