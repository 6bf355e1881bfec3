import { spawn, type ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encode } from '@latch/core/jwt'
import { assertReachable, dropPrefix, REDIS_URL, testRedis, uniquePrefix } from './redis.js'
import { serveWeb } from '../../../core/test/support/serve-web.js'

// The refresh race over three real Node processes (the built packages) sharing one Redis.
const SECRET = 'refresh-processes-secret-0123456789abcdef'
const prefix = uniquePrefix('refresh-processes')
const redis = testRedis()
const children: ChildProcess[] = []
const ports: number[] = []
const idp = { grants: 0, reused: 0, valid: new Set(['rt-0']) }
let server: Awaited<ReturnType<typeof serveWeb>>

function start(): Promise<number> {
  const child = spawn(process.execPath, [new URL('./fixtures/refresh-instance.mjs', import.meta.url).pathname], {
    env: { ...process.env, REDIS_URL, PREFIX: prefix, SECRET, IDP: server.url },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (d) => resolve(Number(String(d).trim())))
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}`)))
  })
}

beforeAll(async () => {
  await assertReachable(redis)
  server = await serveWeb(async (request) => {
    const rt = new URLSearchParams(await request.text()).get('refresh_token') ?? ''
    await new Promise((r) => setTimeout(r, 150))
    if (!idp.valid.delete(rt)) {
      idp.reused++
      return Response.json({ error: 'invalid_grant' }, { status: 400 })
    }
    const n = ++idp.grants
    idp.valid.add(`rt-${n}`)
    return Response.json({ access_token: `at-${n}`, token_type: 'bearer', expires_in: 3600, refresh_token: `rt-${n}` })
  })
  ports.push(...(await Promise.all([start(), start(), start()])))
}, 60_000)
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL')
  await server?.close()
  await dropPrefix(redis, prefix)
  await redis.quit().catch(() => {})
})

describe('refresh-token rotation across 3 Node processes on Redis', () => {
  it('60 concurrent session reads spread over the processes: exactly one refresh grant, all get its tokens', async () => {
    const token = { sub: 'u1', email: 'ada@example.com', provider: 'standin', access_token: 'old', refresh_token: 'rt-0', expires_at: Math.floor(Date.now() / 1000) - 60 }
    const cookie = `authjs.session-token=${await encode({ token, secret: SECRET, salt: 'authjs.session-token' })}`
    const results = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const res = await fetch(`http://127.0.0.1:${ports[i % 3]}/auth/session`, { headers: { cookie } })
        return { status: res.status, body: (await res.json()) as { accessToken?: string; error?: string; user?: { email?: string } } }
      }),
    )
    expect(idp.grants).toBe(1)
    expect(idp.reused).toBe(0)
    for (const r of results) {
      expect(r.status).toBe(200)
      expect(r.body.user?.email).toBe('ada@example.com')
      expect(r.body.error).toBeUndefined()
      expect(r.body.accessToken).toBe('at-1')
    }
  })
})
