import { spawn, type ChildProcess } from 'node:child_process'
import { ownServerSpace } from '../../../core/test/support/own-server.js'

/**
 * A redis-server of this test's own on a spare port (append-only file in a temporary directory, fsync always, so a
 * killed server comes back with what it acknowledged), so a test can freeze, kill and restart it without touching the
 * machine's shared server.
 */
export async function ownRedis() {
  const space = await ownServerSpace('redis')
  const { dir } = space
  const port = space.ports[0]!
  let child: ChildProcess | undefined
  const start = async () => {
    const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'], { stdio: ['ignore', 'pipe', 'pipe'] })
    child = c
    await new Promise<void>((resolve, reject) => {
      let out = ''
      const onData = (d: Buffer) => {
        out += d
        if (/Ready to accept connections/.test(out)) resolve()
      }
      c.stdout!.on('data', onData)
      c.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)))
    })
  }
  const stopped = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())))
  await start()
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    /** SIGKILL: no shutdown, no final save. */
    async kill() {
      const c = child!
      c.kill('SIGKILL')
      await stopped(c)
    },
    async destroy() {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGCONT')
        child.kill('SIGKILL')
        await stopped(child)
      }
      await space.remove()
    },
  }
}
