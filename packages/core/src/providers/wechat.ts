import { customFetch } from '../symbols.js'
import { getJson, oauth2Provider, str } from './shape.js'
import type { OAuthConfig, UserinfoRequestContext } from './types.js'

/** `GET /sns/userinfo` (https://developers.weixin.qq.com/doc/oplatform/en/Website_App/WeChat_Login/Authorized_Interface_Calling_UnionID.html). */
export interface WeChatProfile extends Record<string, unknown> {
  openid: string
  nickname: string
  sex?: number
  province?: string
  city?: string
  country?: string
  headimgurl?: string
  privilege?: string[]
  unionid?: string
}

export interface WeChatOptions extends Partial<OAuthConfig<WeChatProfile>> {
  /** `WebsiteApp` (QR-code login on the web, default) or `OfficialAccount` (inside WeChat's browser). */
  platformType?: 'OfficialAccount' | 'WebsiteApp'
}

const TOKEN = 'https://api.weixin.qq.com/sns/oauth2/access_token'
const USERINFO = 'https://api.weixin.qq.com/sns/userinfo'

/**
 * WeChat's token endpoint is not RFC 6749: a GET with `appid`, `secret`, `code`, `grant_type`; the
 * answer has no `token_type` and reports errors as `{ errcode, errmsg }` with status 200. This fetch
 * turns the standard token request into that call and the answer back into a standard one; every
 * other request passes through unchanged.
 */
export function wechatFetch(inner: typeof fetch): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input)
    if (!url.startsWith(TOKEN) || (init?.method ?? 'GET').toUpperCase() !== 'POST') return inner(input, init)
    const form = new URLSearchParams(String(init?.body ?? ''))
    const query = new URLSearchParams({
      appid: form.get('client_id') ?? '',
      secret: form.get('client_secret') ?? '',
      code: form.get('code') ?? '',
      grant_type: 'authorization_code',
    })
    const res = await inner(`${TOKEN}?${query}`, { method: 'GET', headers: { accept: 'application/json' } })
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>
    const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' }
    if (!res.ok || body.errcode !== undefined || typeof body.access_token !== 'string') {
      return new Response(JSON.stringify({ error: 'invalid_grant', error_description: `WeChat errcode ${String(body.errcode ?? res.status)}` }), { status: 400, headers })
    }
    return new Response(JSON.stringify({ token_type: 'bearer', ...body }), { status: 200, headers })
  }) as typeof fetch
}

/**
 * WeChat login (Website App QR login, or Official Account). WeChat names the client id `appid`; it is
 * sent as `appid` in the authorization request (from `clientId` or `AUTH_WECHAT_ID`), and the token
 * exchange is translated by {@link wechatFetch}, which is the provider's `[customFetch]` (give your own
 * `[customFetch]` in the options to have it wrapped; a config-level `[customFetch]` replaces it). No
 * PKCE (WeChat has none); `state` is checked. WeChat shares no e-mail. Callback URL:
 * `{AUTH_URL}/auth/callback/wechat`, registered as the authorization callback domain.
 */
export default function WeChat(options: WeChatOptions = {}): OAuthConfig<WeChatProfile> {
  const { platformType = 'WebsiteApp', ...rest } = options
  const official = platformType === 'OfficialAccount'
  const inner = rest[customFetch]
  return oauth2Provider<WeChatProfile>(
    {
      id: 'wechat',
      name: 'WeChat',
      authorization: official ? 'https://open.weixin.qq.com/connect/oauth2/authorize#wechat_redirect' : 'https://open.weixin.qq.com/connect/qrconnect#wechat_redirect',
      scope: official ? 'snsapi_userinfo' : 'snsapi_login',
      params: rest.clientId ? { appid: rest.clientId } : {},
      token: TOKEN,
      userinfo: {
        url: USERINFO,
        request: ({ tokens, fetch }: UserinfoRequestContext) => {
          const q = new URLSearchParams({ access_token: String(tokens.access_token), openid: String(tokens.openid ?? ''), lang: 'en' })
          return getJson(fetch, `${USERINFO}?${q}`, {})
        },
      },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      checks: ['state'],
      profile: (p) => ({ id: p.unionid ?? p.openid, name: str(p.nickname), email: null, image: str(p.headimgurl), emailVerified: null }),
      rebuild: (filled) => WeChat({ ...options, ...filled }),
    },
    { ...rest, [customFetch]: wechatFetch(inner ?? ((...args: Parameters<typeof fetch>) => fetch(...args))) },
  )
}

export { WeChat }
