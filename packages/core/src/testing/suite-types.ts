/** What every shared framework suite is given: the app under test and how to reach it. */
import type { RedirectSuiteOptions } from './redirect-suite.js'

export interface IntegrationServer {
  /** Origin the server listens on, e.g. `http://127.0.0.1:41234`. */
  baseUrl: string
  close(): Promise<void>
}

export interface IntegrationSuiteOptions {
  name: string
  start: () => Promise<IntegrationServer>
  /** Where the auth routes are mounted. Default `/auth`. */
  basePath?: string
  /** An HTML page that needs a session: redirects (or 401s) when signed out. */
  protectedPage: string
  /** A JSON endpoint that needs a session: 401 JSON when signed out. */
  protectedApi: string
  /** Accepted by the app's credentials provider. */
  credentials: { username: string; password: string }
  /** Default `credentials`. */
  credentialsProviderId?: string
  /** True when the server is configured to trust X-Forwarded-Host/Proto (a proxy is in front). */
  trustsForwardedHeaders?: boolean
  /**
   * An OpenID provider the app offers (e.g. `@latch/dev-oidc`): the suite then also signs in through it
   * over HTTP, submitting its login form as `login` (default `ada`).
   */
  oidc?: { providerId: string; login?: string }
  /** The hostile-redirect corpus (redirect-suite.ts) runs on every server; this adds the app's own helper routes. */
  redirects?: RedirectSuiteOptions
}
