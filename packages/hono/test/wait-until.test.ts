// The runtime's waitUntil (c.executionCtx on Workers and the like) gets the mail Latch sends after the answer.
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import Password from '@latch/core/providers/password'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import { CookieJar } from '@latch/core/testing'
import { authHandler, initAuthConfig, type AuthConfig } from '../src/index.js'

describe('hono: waitUntil', () => {
  it("hands the forgot-password mail to c.executionCtx.waitUntil, and works without an execution context", async () => {
    const adapter = MemoryAdapter()
    const sent: string[] = []
    const config: AuthConfig = {
      secret: 'hono-wait-until-secret-0123456789abcdef0123',
      url: 'http://app.test',
      adapter,
      providers: [Password({ scrypt: { ln: 10, r: 8, p: 1 }, sendVerificationRequest: ({ identifier }) => void sent.push(identifier) })],
    }
    const user = await adapter.createUser!({ id: 'u1', email: 'ada@example.com', emailVerified: new Date() })
    await adapter.setPasswordHash!(user.id, 'x')
    const app = new Hono()
    app.use('*', initAuthConfig(() => config))
    app.use('/auth/*', authHandler())
    const jar = new CookieJar()
    const csrfRes = await app.request('http://app.test/auth/csrf')
    jar.apply(csrfRes)
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string }
    const forgot = () =>
      new Request('http://app.test/auth/password/forgot', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: jar.header() },
        body: JSON.stringify({ csrfToken, email: 'ada@example.com' }),
      })
    const handed: Promise<unknown>[] = []
    const executionCtx = { waitUntil: (p: Promise<unknown>) => void handed.push(p), passThroughOnException: () => {}, props: {} }
    expect((await app.fetch(forgot(), {}, executionCtx)).status).toBe(200)
    expect(handed).toHaveLength(1)
    await Promise.all(handed)
    expect(sent).toEqual(['ada@example.com'])
    // No execution context (Node): the mail goes out all the same.
    expect((await app.fetch(forgot())).status).toBe(200)
    await new Promise((r) => setTimeout(r, 100))
    expect(sent).toEqual(['ada@example.com', 'ada@example.com'])
  })
})
