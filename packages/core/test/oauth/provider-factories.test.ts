import { describe, expect, it } from 'vitest'
import type { TokenSet } from '../../src/providers/types.js'
import Bitbucket from '../../src/providers/bitbucket.js'
import GitHub from '../../src/providers/github.js'
import Google from '../../src/providers/google.js'
import MicrosoftEntraID from '../../src/providers/microsoft-entra-id.js'
import Notion from '../../src/providers/notion.js'
import OAuth from '../../src/providers/oauth.js'
import OIDC from '../../src/providers/oidc.js'
import { withProviderEnv } from '../../src/providers/env.js'
import { withProviderEnv as applyEnvFill } from '../../src/env.js'

const tokens: TokenSet = { access_token: 'at', token_type: 'bearer' }

describe('provider-specific calls use the injected fetch', () => {
  it('GitHub asks /user/emails when the public email is hidden', async () => {
    const calls: string[] = []
    const fetchImpl = (async (url: string, init?: RequestInit) => {
      calls.push(`${url} ${new Headers(init?.headers).get('authorization')}`)
      if (url.endsWith('/user')) return Response.json({ id: 1, login: 'octocat', name: null, email: null, avatar_url: 'a' })
      return Response.json([
        { email: 'old@example.com', primary: false, verified: true, visibility: null },
        { email: 'octo@example.com', primary: true, verified: true, visibility: 'private' },
      ])
    }) as typeof fetch
    const gh = GitHub()
    const request = (gh.userinfo as { request: Function }).request
    const profile = await request({ tokens: { access_token: 'gho_x' }, provider: gh, fetch: fetchImpl })
    expect(profile.email).toBe('octo@example.com')
    expect(calls).toEqual(['https://api.github.com/user Bearer gho_x', 'https://api.github.com/user/emails Bearer gho_x'])
  })

  it('Bitbucket picks the primary confirmed address', async () => {
    const fetchImpl = (async (url: string) =>
      url.endsWith('/emails')
        ? Response.json({ values: [{ email: 'a@x.org', is_primary: false, is_confirmed: true }, { email: 'b@x.org', is_primary: true, is_confirmed: true }] })
        : Response.json({ uuid: '{u}', display_name: 'B', links: {} })) as typeof fetch
    const bb = Bitbucket()
    const profile = await (bb.userinfo as { request: Function }).request({ tokens: { access_token: 't' }, provider: bb, fetch: fetchImpl })
    expect(profile.email).toBe('b@x.org')
  })

  it('Notion reads the owner user from the token response', async () => {
    const n = Notion()
    const owner = { type: 'user', user: { object: 'user', id: 'u1', name: 'N', avatar_url: null, person: { email: 'n@x.org' } } }
    const profile = await (n.userinfo as { request: Function }).request({ tokens: { access_token: 't', owner }, provider: n, fetch })
    expect(profile).toEqual(owner.user)
  })
})

describe('factories and env inference', () => {
  it('return a new object each call and never mutate the input', () => {
    const input = { clientId: 'id', authorization: { params: { prompt: 'consent' } } }
    const frozen = JSON.parse(JSON.stringify(input))
    const a = Google(input)
    const b = Google(input)
    expect(a).not.toBe(b)
    expect(input).toEqual(frozen)
    // params are merged over the defaults
    expect(a.authorization).toEqual({ params: { scope: 'openid email profile', prompt: 'consent' } })
    expect(a.options).toEqual(input)
    expect(a.clientId).toBe('id')
  })

  it('generic OAuth and OIDC factories', () => {
    const o = OAuth({ id: 'acme', name: 'Acme', authorization: 'https://acme.test/authorize', token: 'https://acme.test/token' })
    expect(o).toMatchObject({ id: 'acme', name: 'Acme', type: 'oauth' })
    expect(OIDC({ issuer: 'https://idp.test' })).toMatchObject({ id: 'oidc', type: 'oidc', issuer: 'https://idp.test' })
  })

  it('AUTH_<ID>_ID/SECRET/ISSUER fill what is missing', () => {
    const env = {
      AUTH_MICROSOFT_ENTRA_ID_ID: 'entra-id',
      AUTH_MICROSOFT_ENTRA_ID_SECRET: 'entra-secret',
      AUTH_MICROSOFT_ENTRA_ID_ISSUER: 'https://login.microsoftonline.com/t/v2.0',
      AUTH_GITHUB_ID: 'gh-env',
      AUTH_GITHUB_SECRET: 'gh-secret',
    }
    const entra = MicrosoftEntraID()
    const filled = withProviderEnv(entra, env)
    expect(filled).not.toBe(entra)
    expect(filled).toMatchObject({ clientId: 'entra-id', clientSecret: 'entra-secret', issuer: 'https://login.microsoftonline.com/t/v2.0' })
    expect(entra.clientId).toBeUndefined()
    // explicit options win
    expect(withProviderEnv(GitHub({ clientId: 'explicit' }), env)).toMatchObject({ clientId: 'explicit', clientSecret: 'gh-secret' })
    const g = Google()
    expect(withProviderEnv(g, env)).toBe(g)
    // `@latch/core/providers/env` is the fill applyEnv uses, not a copy of it
    expect(withProviderEnv).toBe(applyEnvFill)
  })
})
