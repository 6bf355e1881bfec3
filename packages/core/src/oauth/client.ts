import * as oauth from 'oauth4webapi'
import { envKey } from '../env.js'
import { Configuration } from '../errors.js'
import type { OAuthConfig } from '../providers/types.js'

/**
 * oauth4webapi client metadata for a provider. `now` is the configured clock (seconds): the skew
 * against the real clock is passed as `clockSkew` so injected clocks also drive JWT validation.
 */
export function clientFor(provider: OAuthConfig, now: number): oauth.Client {
  if (!provider.clientId) throw new Configuration(`Provider "${provider.id}" has no clientId (set AUTH_${envKey(provider.id)}_ID)`)
  const { token_endpoint_auth_method: _method, ...rest } = provider.client ?? {}
  void _method
  const client: oauth.Client = { ...(rest as Record<string, oauth.JsonValue>), client_id: provider.clientId }
  const skew = Math.round(now - Date.now() / 1000)
  if (skew !== 0) client[oauth.clockSkew] = skew
  return client
}

/** Token endpoint client authentication: `client_secret_basic` (default), `client_secret_post`, `private_key_jwt` or `none`. */
export function clientAuthFor(provider: OAuthConfig): oauth.ClientAuth {
  const method = provider.client?.token_endpoint_auth_method ?? 'client_secret_basic'
  switch (method) {
    case 'client_secret_basic':
    case 'client_secret_post': {
      if (!provider.clientSecret) {
        throw new Configuration(
          `Provider "${provider.id}" uses ${method} but has no clientSecret (set AUTH_${envKey(provider.id)}_SECRET, or token_endpoint_auth_method: 'none' for a public client)`,
        )
      }
      return method === 'client_secret_basic' ? oauth.ClientSecretBasic(provider.clientSecret) : oauth.ClientSecretPost(provider.clientSecret)
    }
    case 'private_key_jwt': {
      if (!provider.privateKey?.key) throw new Configuration(`Provider "${provider.id}" uses private_key_jwt but has no privateKey`)
      return oauth.PrivateKeyJwt(provider.privateKey)
    }
    case 'none':
      return oauth.None()
    default:
      throw new Configuration(`Provider "${provider.id}" has an unsupported token_endpoint_auth_method: ${String(method)}`)
  }
}

/** One DPoP handle per key pair, so server-issued DPoP nonces are remembered between requests. */
const dpopHandles = new WeakMap<CryptoKeyPair, oauth.DPoPHandle>()

export function dpopFor(provider: OAuthConfig, client: oauth.Client): oauth.DPoPHandle | undefined {
  const pair = provider.dpop
  if (!pair) return undefined
  let handle = dpopHandles.get(pair)
  if (!handle) {
    handle = oauth.DPoP(client, pair)
    dpopHandles.set(pair, handle)
  }
  return handle
}

/** Run a DPoP-protected request, retrying once when the server asks for a fresh DPoP nonce. */
export async function withDpopRetry<T>(dpop: oauth.DPoPHandle | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (dpop && oauth.isDPoPNonceError(error)) return run()
    throw error
  }
}
