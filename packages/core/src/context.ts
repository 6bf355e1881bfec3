import type { Adapter } from './adapters/types.js'
import type { CookiesOptions } from './http/cookie-names.js'
import type { Cookie } from './http/cookies.js'
import type { Provider } from './providers/types.js'
import type { RedirectProxyOptions } from './redirect-proxy/types.js'
import type {
  AuthAction,
  AuthConfig,
  CallbacksOptions,
  EventsOptions,
  JWTOptions,
  LoggerInstance,
  PagesOptions,
  SessionStrategy,
  Theme,
} from './types.js'

/** What an action returns; turned into a Response at the edge (or returned as is with `raw`). */
export interface ResponseInternal<Body = unknown> {
  status?: number
  headers?: Record<string, string>
  body?: Body
  redirect?: string
  cookies?: Cookie[]
}

/** Config resolved once per config object: defaults filled in, user config untouched. */
export interface ResolvedConfig {
  config: AuthConfig
  providers: Provider[]
  secret: string[]
  basePath: string
  /** AUTH_URL as a URL, when set. */
  url?: URL
  trustHost: boolean
  /** Preview deployments (redirect-proxy/). */
  redirectProxy?: RedirectProxyOptions
  session: { strategy: SessionStrategy; maxAge: number; updateAge: number; generateSessionToken: () => string; versionCacheMaxAge: number; cookieCache?: { maxAge: number }; freshAge: number }
  jwt: JWTOptions
  pages: PagesOptions
  theme: Theme
  callbacks: Required<CallbacksOptions>
  events: EventsOptions
  adapter?: Adapter
  logger: LoggerInstance
  skipCSRFCheck: boolean
  fetch: typeof fetch
  /** Seconds since epoch. */
  now: () => number
  cookiesFor(secure: boolean): CookiesOptions
}

/** Everything an action needs about the current request. */
export interface RequestContext {
  request: Request
  options: ResolvedConfig
  action: AuthAction
  providerId?: string
  provider?: Provider
  /** The segments after the action, for routes that take sub-paths (table.ts `subpath`), e.g. account/link/github. */
  subpath?: string[]
  method: 'GET' | 'POST'
  /**
   * Public base URL of the auth routes, e.g. https://app.example.com/auth, without a trailing slash
   * (https://app.example.com for routes at the root): append `/<action>` to it.
   */
  authUrl: string
  /** Public origin of the app, e.g. https://app.example.com. */
  origin: string
  secure: boolean
  cookies: CookiesOptions
  /** Incoming cookies. */
  jar: Map<string, string>
  query: Record<string, string>
  body: Record<string, unknown> | undefined
  /** Cookies to set whatever the outcome, error responses included (e.g. clearing used OAuth check cookies). */
  cleanup?: Cookie[]
  /** The verified CSRF token of this request, set by the CSRF check or minted on demand. */
  csrf?: { token: string; cookie?: Cookie; verified: boolean }
}
