import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customFetch, type AuthConfig } from '../../src/index.js'
import type { User } from '../../src/types.js'
import { appSecret, Browser } from '../support/client.js'
import { deliver, startSignIn } from '../support/oidc-flow.js'
import { providerCases } from './cases/index.js'
import { startStandIn } from './support/stand-in.js'

const ORIGIN = 'https://app.example.com'
let standIn: Awaited<ReturnType<typeof startStandIn>>

beforeAll(async () => {
  standIn = await startStandIn()
})
afterAll(() => standIn.close())

/**
 * Every OAuth/OIDC provider module signs a user in through Auth(): sign-in POST → authorization request
 * at the stand-in (which records the checks) → callback → token exchange (PKCE verifier, client auth,
 * id_token for OIDC) → profile API → profile() → session. The provider's own URLs are used; the
 * injected fetch routes them to the one stand-in server on 127.0.0.1.
 */
describe('provider conformance: full sign-in through Auth() against a stand-in server', () => {
  for (const c of providerCases) {
    it(`${c.name}`, async () => {
      const viaProvider = c.providerFetch ? { [customFetch]: standIn.rewrite } : {}
      const provider = c.create({ clientId: `${c.name}-client`, clientSecret: `${c.name}-secret`, ...viaProvider, ...c.options })
      standIn.use({ provider, profile: c.profile, responses: c.responses, tokenExtra: c.tokenExtra })
      const errors: string[] = []
      let user: User | undefined
      const config: AuthConfig = {
        secret: appSecret(),
        url: ORIGIN,
        providers: [provider],
        logger: { error: (e) => errors.push(`${e.message} ${JSON.stringify((e as { cause?: unknown }).cause ?? '')}`), warn: () => {}, debug: () => {} },
        callbacks: {
          jwt: ({ token, user: u }) => {
            if (u) user = u
            return token
          },
        },
        ...(c.providerFetch ? {} : { [customFetch]: standIn.rewrite }),
      }
      const b = new Browser(config, ORIGIN)
      const start = await startSignIn(b, provider.id)
      expect(start.status, errors.join('\n')).toBe(302)
      const location = start.headers.get('location')!
      if (c.authorization) expect(location.split('?')[0]).toBe(c.authorization.split('#')[0])

      const authz = await standIn.rewrite(location)
      let done: Response
      if (authz.status === 302) {
        done = await deliver(b, new URL(authz.headers.get('location')!))
      } else {
        const { action, fields } = (await authz.json()) as { action: string; fields: Record<string, string> }
        done = await b.fetch(new URL(action).pathname, { form: fields })
      }
      expect(done.headers.get('location'), errors.join('\n')).toBe(`${ORIGIN}/dashboard`)

      // The checks the provider declares were all sent, and the token request matched them.
      const rec = standIn.recorded
      const q = rec.authorization!.searchParams
      const checks = new Set(provider.checks ?? (provider.type === 'oidc' ? ['pkce', 'state', 'nonce'] : ['pkce', 'state']))
      expect(q.get('client_id')).toBe(provider.clientId)
      expect(q.get('redirect_uri')).toBe(`${ORIGIN}/auth/callback/${provider.id}`)
      expect(!!q.get('state')).toBe(checks.has('state'))
      expect(q.get('code_challenge_method')).toBe(checks.has('pkce') ? 'S256' : null)
      expect(!!q.get('nonce')).toBe(checks.has('nonce'))
      expect(!!rec.tokenRequest?.form.get('code_verifier')).toBe(checks.has('pkce'))
      expect(rec.tokenRequest?.clientAuth).toBe(c.clientAuth ?? 'basic')

      expect(user).toMatchObject({ id: c.user.id, name: c.user.name, email: c.user.email, image: c.user.image })
      if (c.user.emailVerified !== undefined) {
        expect(user!.emailVerified instanceof Date).toBe(c.user.emailVerified)
        if (!c.user.emailVerified) expect(user!.emailVerified).toBeNull()
      }
      const session = await b.session()
      expect(session.user.email ?? null).toBe(c.user.email)
    })
  }
})
