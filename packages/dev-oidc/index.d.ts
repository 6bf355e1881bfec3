export interface DevOidcClient {
  client_id: string
  client_secret?: string
  redirect_uris: string[]
  token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'none'
  grant_types?: string[]
  jwks?: { keys: Record<string, unknown>[] }
  [metadata: string]: unknown
}

export interface DevOidcAccount {
  sub?: string
  /** Username accepted by the login form (any password). Default `ada`. */
  login?: string
  name?: string
  given_name?: string
  family_name?: string
  email?: string
  email_verified?: boolean
  picture?: string
  [claim: string]: unknown
}

export interface DevOidcOptions {
  /** Default: a free port. */
  port?: number
  /** Default `127.0.0.1`. */
  host?: string
  clients?: DevOidcClient[]
  account?: DevOidcAccount
  /** Access token lifetime in seconds. Default 3600. */
  accessTokenTtl?: number
  ttl?: Record<string, unknown>
  features?: Record<string, unknown>
  onError?: (error: unknown) => void
}

export interface DevOidc {
  issuer: string
  port: number
  /** The oidc-provider instance. */
  provider: any
  account: Required<Pick<DevOidcAccount, 'sub' | 'login'>> & DevOidcAccount
  close(): Promise<void>
}

/**
 * The client for a Latch app at `appUrl` that names this provider `dev-oidc`: its redirect URI is
 * `${appUrl}${basePath}/callback/dev-oidc`.
 */
export function appClient(appUrl: string, client: { clientId: string; clientSecret: string }, basePath?: string): DevOidcClient

export function startDevOidc(options?: DevOidcOptions): Promise<DevOidc>
export default startDevOidc
