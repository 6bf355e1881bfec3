/**
 * A stand-in OAuth 2 provider for the adapter flow suites, with no server: `fetch` (pass it as the config's
 * `[customFetch]`) answers its token and userinfo endpoints, userinfo with whatever `profile` was set last;
 * `provider(id)` is an OAuth provider whose endpoints it serves. Edge-safe.
 */
import OAuth from '../providers/oauth.js'

export function fakeIdp() {
  const state = { profile: {} as Record<string, unknown> }
  const base = (id: string) => `https://${id}.idp.test`
  const fetch = (async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input)
    if (url.endsWith('/token')) return Response.json({ access_token: 'at', token_type: 'bearer' })
    if (url.endsWith('/userinfo')) return Response.json(state.profile)
    return new Response('not found', { status: 404 })
  }) as typeof globalThis.fetch
  const provider = (id: string, allowDangerousEmailAccountLinking = false) =>
    OAuth({ id, clientId: id, clientSecret: 's', authorization: `${base(id)}/authorize`, token: `${base(id)}/token`, userinfo: `${base(id)}/userinfo`, allowDangerousEmailAccountLinking })
  return { state, fetch, provider }
}
