import type { RequestContext, ResponseInternal } from '../context.js'
import type { AuthAction } from '../types.js'
import { callbackAction } from './callback.js'
import { csrfAction } from './csrf.js'
import { errorPageAction, signinPageAction, signoutPageAction, verifyRequestPageAction } from './pages.js'
import { providersAction } from './providers.js'
import { sessionAction } from './session.js'
import { signinAction } from './signin.js'
import { signoutAction } from './signout.js'

export type Handler = (ctx: RequestContext) => Promise<ResponseInternal>

export interface Route {
  handler: Handler
  /** Double-submit CSRF check before the handler runs. */
  csrf?: boolean
  /** Whether a provider id may follow the action, and whether it must name a configured provider. */
  provider?: 'optional' | 'required'
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
  callback: {
    GET: { handler: callbackAction, provider: 'required', errors: 'page' },
    POST: { handler: callbackAction, provider: 'required', errors: 'page' },
  },
  'verify-request': { GET: { handler: verifyRequestPageAction, errors: 'page' } },
  error: { GET: { handler: errorPageAction, errors: 'page' } },
}
