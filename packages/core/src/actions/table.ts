import type { RequestContext, ResponseInternal } from '../context.js'
import type { AuthAction } from '../types.js'
import { sessionAction } from './session.js'

const PASSWORD_SUB_ACTIONS = ['forgot', 'reset', 'change'] as const

export type Handler = (ctx: RequestContext) => Promise<ResponseInternal>

/**
 * A handler whose module loads on its first request. Only the session check (every request) is eager; OAuth
 * (oauth4webapi), email, rate limiting, CSRF and the HTML pages load when a browser flow first needs them, so
 * a deployment that mostly checks sessions imports and ships less up front.
 */
function lazy<M>(load: () => Promise<M>, pick: (m: M) => Handler): Handler {
  let handler: Handler | undefined
  let loading: Promise<Handler> | undefined
  return (ctx) => {
    if (handler) return handler(ctx)
    loading ??= load().then(
      (m) => (handler = pick(m)),
      (e) => {
        loading = undefined
        throw e
      },
    )
    return loading.then((h) => h(ctx))
  }
}

const csrfAction = lazy(() => import('./csrf.js'), (m) => m.csrfAction)
const providersAction = lazy(() => import('./providers.js'), (m) => m.providersAction)
const callbackAction = lazy(() => import('./callback.js'), (m) => m.callbackAction)
const signinAction = lazy(() => import('./signin.js'), (m) => m.signinAction)
const signoutAction = lazy(() => import('./signout.js'), (m) => m.signoutAction)
const signinPageAction = lazy(() => import('./pages.js'), (m) => m.signinPageAction)
const signoutPageAction = lazy(() => import('./pages.js'), (m) => m.signoutPageAction)
const verifyRequestPageAction = lazy(() => import('./pages.js'), (m) => m.verifyRequestPageAction)
const errorPageAction = lazy(() => import('./pages.js'), (m) => m.errorPageAction)
const webauthnOptionsAction = lazy(() => import('../passkeys/options-action.js'), (m) => m.webauthnOptionsAction)
const passkeySignUpPageAction = lazy(() => import('../passkeys/sign-up-action.js'), (m) => m.passkeySignUpPageAction)
const passkeySignUpAction = lazy(() => import('../passkeys/sign-up-action.js'), (m) => m.passkeySignUpAction)
const passkeysAction = lazy(() => import('../passkeys/manage-action.js'), (m) => m.passkeysAction)
const clientLogAction = lazy(() => import('./client-log.js'), (m) => m.clientLogAction)
const accountAction = lazy(() => import('../account/routes.js'), (m) => m.accountAction)
const signupPageAction = lazy(() => import('../passwords/routes.js'), (m) => m.signupPageAction)
const signupAction = lazy(() => import('../passwords/routes.js'), (m) => m.signupAction)
const passwordAction = lazy(() => import('../passwords/routes.js'), (m) => m.passwordAction)
const verifyEmailPageAction = lazy(() => import('../passwords/routes.js'), (m) => m.verifyEmailPageAction)
const verifyEmailAction = lazy(() => import('../passwords/routes.js'), (m) => m.verifyEmailAction)
// Two-factor sign-in (two-factor/): the code step of a pending sign-in, and the signed-in user's enrollment.
const twoFactorAction = lazy(() => import('../two-factor/verify.js'), (m) => m.twoFactorAction)
const twoFactorSetupAction = lazy(() => import('../two-factor/setup.js'), (m) => m.twoFactorSetupAction)

export interface Route {
  handler: Handler
  /** Double-submit CSRF check before the handler runs. */
  csrf?: boolean
  /** Whether a provider id may follow the action, and whether it must name a configured provider. */
  provider?: 'optional' | 'required'
  /** The segments after the action are sub-paths the handler reads (`ctx.subpath`), not a provider id. */
  subpath?: boolean
  /** Second path segments that name a sub-action of this route (e.g. /password/forgot), not a provider. */
  subActions?: readonly string[]
  /** How errors reach the client: JSON for API calls, a redirect to a page for browser flows. */
  errors: 'json' | 'page'
}

/** The whole HTTP surface, one line a route. */
export const routes: Record<AuthAction, Partial<Record<'GET' | 'POST', Route>>> = {
  providers: { GET: { handler: providersAction, errors: 'json' } },
  session: {
    GET: { handler: sessionAction, errors: 'json' },
    POST: { handler: sessionAction, csrf: true, errors: 'json' },
  },
  csrf: { GET: { handler: csrfAction, errors: 'json' } },
  signin: {
    GET: { handler: signinPageAction, provider: 'optional', errors: 'page' },
    POST: { handler: signinAction, csrf: true, provider: 'required', errors: 'page' },
  },
  signout: {
    GET: { handler: signoutPageAction, errors: 'page' },
    POST: { handler: signoutAction, csrf: true, errors: 'page' },
  },
  // OAuth: the provider's redirect (GET) or form_post (POST). Email: GET renders the link's confirmation page,
  // its POST (CSRF-checked by the email handler) consumes the token. Credentials: POST with CSRF.
  callback: {
    GET: { handler: callbackAction, provider: 'required', errors: 'page' },
    POST: { handler: callbackAction, provider: 'required', errors: 'page' },
  },
  'verify-request': { GET: { handler: verifyRequestPageAction, errors: 'page' } },
  error: { GET: { handler: errorPageAction, errors: 'page' } },
  // next-auth v4's client reports its errors here; no CSRF (a beacon carries none), nothing stored.
  _log: { POST: { handler: clientLogAction, errors: 'json' } },
  // Passkeys (passkeys/): next-auth/webauthn's options request; the signed-in user's passkeys (list, page, remove).
  'webauthn-options': { GET: { handler: webauthnOptionsAction, provider: 'required', errors: 'json' } },
  // Passkey sign-up proven by mail (signUp: 'verify-email'): the mailed link's page; its POST (CSRF) consumes the link.
  'passkey-sign-up': {
    GET: { handler: passkeySignUpPageAction, provider: 'required', errors: 'page' },
    POST: { handler: passkeySignUpAction, csrf: true, provider: 'required', errors: 'page' },
  },
  passkeys: {
    GET: { handler: passkeysAction, errors: 'json' },
    POST: { handler: passkeysAction, csrf: true, errors: 'json' },
  },
  // Account management (account/routes.ts): GET the overview (JSON or the built-in page), POST the actions
  // under it. The handler checks CSRF itself and answers errors as JSON or a page by what the client accepts.
  account: {
    GET: { handler: accountAction, subpath: true, errors: 'json' },
    POST: { handler: accountAction, subpath: true, errors: 'json' },
  },
  // Passwords (passwords/): sign-up, forgot/reset/change, e-mail verification. GET = a page, POST = CSRF-checked.
  signup: {
    GET: { handler: signupPageAction, provider: 'required', errors: 'page' },
    POST: { handler: signupAction, csrf: true, provider: 'required', errors: 'page' },
  },
  password: {
    GET: { handler: passwordAction, subActions: PASSWORD_SUB_ACTIONS, errors: 'page' },
    POST: { handler: passwordAction, csrf: true, subActions: PASSWORD_SUB_ACTIONS, errors: 'page' },
  },
  'verify-email': {
    GET: { handler: verifyEmailPageAction, errors: 'page' },
    POST: { handler: verifyEmailAction, csrf: true, errors: 'page' },
  },
  // Two-factor (config.twoFactor): 404 when it is off.
  'two-factor': {
    GET: { handler: twoFactorAction, errors: 'page' },
    POST: { handler: twoFactorAction, csrf: true, errors: 'page' },
  },
  'two-factor-setup': {
    GET: { handler: twoFactorSetupAction, errors: 'page' },
    POST: { handler: twoFactorSetupAction, csrf: true, errors: 'page' },
  },
}
