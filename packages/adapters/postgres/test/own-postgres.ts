import { execFile } from 'node:child_process'
import { chmod } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { readdirSync } from 'node:fs'
import { ownServerSpace } from '../../../core/test/support/own-server.js'

const run = promisify(execFile)

function binDir(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
  if (!versions.length) throw new Error('No PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)')
  return `/usr/lib/postgresql/${versions[0]}/bin`
}

/** PostgreSQL refuses to run as root: run its tools as the postgres user then. */
function asPostgres(cmd: string, args: string[]) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  return isRoot ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args)
}

/**
 * A throw-away PostgreSQL cluster of this test's own (a temporary data directory on a spare port), so a test can
 * stop and restart it without touching the machine's shared server.
 */
export async function ownPostgres() {
  const bin = binDir()
  const space = await ownServerSpace('pg')
  const { dir } = space
  const port = space.ports[0]!
  await chmod(dir, 0o777)
  const data = join(dir, 'data')
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (isRoot) await run('chown', ['postgres', dir])
  await asPostgres(`${bin}/initdb`, ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8'])
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`
  const pgCtl = (...args: string[]) => asPostgres(`${bin}/pg_ctl`, ['-D', data, ...args])
  const start = () => pgCtl('-o', opts, '-l', join(dir, 'log'), '-w', '-t', '30', 'start')
  await start()
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    /** Freeze the server (postmaster and backends): connections stay open, nothing answers — a hung store. */
    pause: () => signalAll(data, 'SIGSTOP'),
    resume: () => signalAll(data, 'SIGCONT'),
    /** A fast shutdown: connections are cut, committed data stays. */
    stop: () => pgCtl('-m', 'fast', '-w', 'stop'),
    async destroy() {
      await pgCtl('-m', 'immediate', '-w', 'stop').catch(() => {})
      await space.remove()
    },
  }
}

/** Send `signal` to this cluster's postmaster and its children (ids read from postmaster.pid and ps). */
async function signalAll(data: string, signal: NodeJS.Signals): Promise<void> {
  const { readFile } = await import('node:fs/promises')
  const main = Number((await readFile(join(data, 'postmaster.pid'), 'utf8')).split('\n')[0])
  const { stdout } = await run('ps', ['-o', 'pid=', '--ppid', String(main)])
  const pids = [main, ...stdout.split(/\s+/).filter(Boolean).map(Number)]
  for (const pid of pids) process.kill(pid, signal)
}
