// adapter-cloudflare's platform.context.waitUntil gets the mail Latch sends after the answer (in-process hook).
import { describe, expect, it } from 'vitest'
import Password from '@latch/core/providers/password'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import { CookieJar } from '@latch/core/testing'
import { SvelteKitAuth } from '../src/index.js'

const ORIGIN = 'http://app.test'

describe('@latch/sveltekit: waitUntil', () => {
  it('hands the forgot-password mail to event.platform.context.waitUntil', async () => {
    const adapter = MemoryAdapter()
    const sent: string[] = []
    const user = await adapter.createUser!({ id: 'u1', email: 'ada@example.com', emailVerified: new Date() })
    await adapter.setPasswordHash!(user.id, 'x')
    const { handle } = SvelteKitAuth({
      secret: 'sveltekit-wait-until-secret-0123456789abcdef',
      url: ORIGIN,
      adapter,
      providers: [Password({ scrypt: { ln: 10, r: 8, p: 1 }, sendVerificationRequest: ({ identifier }) => void sent.push(identifier) })],
    })
    const jar = new CookieJar()
    const handed: Promise<unknown>[] = []
    const event = (path: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers)
      if (jar.cookies.size) headers.set('cookie', jar.header())
      return {
        request: new Request(ORIGIN + path, { ...init, headers }),
        url: new URL(ORIGIN + path),
        cookies: { get: () => undefined, set: () => {} },
        locals: {},
        getClientAddress: () => '127.0.0.1',
        platform: { context: { waitUntil: (p: Promise<unknown>) => void handed.push(p) } },
      }
    }
    const resolve = () => new Response('page')
    const csrf = await handle({ event: event('/auth/csrf'), resolve })
    jar.apply(csrf)
    const { csrfToken } = (await csrf.json()) as { csrfToken: string }
    const res = await handle({
      event: event('/auth/password/forgot', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ csrfToken, email: 'ada@example.com' }) }),
      resolve,
    })
    expect(res.status).toBe(200)
    expect(handed).toHaveLength(1)
    await Promise.all(handed)
    expect(sent).toEqual(['ada@example.com'])
  })
})
