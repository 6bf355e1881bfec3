import { expect, it } from 'vitest'
import type { Cluster } from '../../harness/cluster.js'
import { Client, oauthSignIn } from '../../harness/client.js'
import { expiringSession } from './refresh-race.js'

// The instances run httpOptions.timeout 2000 ms for the stand-in.
const TIMEOUT = 2000

export function providerFaultCases(get: () => Cluster) {
  for (const mode of ['down', 'hang'] as const) {
    it(`token endpoint ${mode}: the OAuth callback ends on the error page within the timeout, no session`, async () => {
      const cluster = get()
      for (const mount of ['/auth', '/jwt/auth'] as const) {
        const client = new Client(cluster.url)
        const { callback } = await oauthSignIn(client, mount, { stopAfterAuthorize: true })
        cluster.idp.mode = mode
        const t0 = Date.now()
        const answer = await client.request(callback)
        const took = Date.now() - t0
        cluster.idp.mode = 'ok'
        console.log(`provider ${mode}, ${mount} callback: ${answer.status} ${answer.location} after ${took} ms`)
        expect(answer.status).toBe(302)
        expect(answer.location).toMatch(new RegExp(`^${cluster.url}${mount}/(error|signin)\\?error=`))
        expect(took).toBeLessThan(TIMEOUT + 1500)
        expect(client.jar.has('session-token')).toBe(false)
        const page = await client.request(new URL(answer.location!).pathname + new URL(answer.location!).search)
        expect(page.status === 503 || page.status < 500).toBe(true)
      }
    })
  }

  it('token endpoint hanging during a refresh: the session check answers within the bound, signed in, with RefreshAccessTokenError', async () => {
    const cluster = get()
    const cookie = await expiringSession(cluster)
    cluster.idp.mode = 'hang'
    const t0 = Date.now()
    const res = await fetch(`${cluster.url}/jwt/auth/session`, { headers: { cookie } })
    const took = Date.now() - t0
    cluster.idp.mode = 'ok'
    const body = (await res.json()) as { user?: unknown; error?: string }
    console.log(`provider hang during refresh: ${res.status} ${JSON.stringify(body)} after ${took} ms`)
    expect(res.status).toBe(200)
    expect(body.error).toBe('RefreshAccessTokenError')
    expect(took).toBeLessThan(TIMEOUT + 1500)
  })
}
