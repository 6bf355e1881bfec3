import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import { UnknownAction } from '../errors.js'
import { changeAction, changePageAction } from './change.js'
import { forgotAction, forgotPageAction } from './forgot.js'
import { resetAction, resetPageAction } from './reset.js'

export { signupAction, signupPageAction } from './signup.js'
export { verifyEmailAction, verifyEmailPageAction } from './verify-email.js'

/** The sub-actions of `{basePath}/password/<sub>`: GET renders the page, POST (CSRF-checked) acts. */
export const PASSWORD_SUB_ACTIONS = ['forgot', 'reset', 'change'] as const

const handlers: Record<(typeof PASSWORD_SUB_ACTIONS)[number], Record<'GET' | 'POST', (ctx: RequestContext) => Promise<ResponseInternal>>> = {
  forgot: { GET: forgotPageAction, POST: forgotAction },
  reset: { GET: resetPageAction, POST: resetAction },
  change: { GET: changePageAction, POST: changeAction },
}

/** GET|POST /password/:sub */
export function passwordAction(ctx: RequestContext): Promise<ResponseInternal> {
  const sub = ctx.providerId as keyof typeof handlers | undefined
  if (!sub || !Object.hasOwn(handlers, sub)) throw new UnknownAction(`Use ${PASSWORD_SUB_ACTIONS.map((s) => `/password/${s}`).join(', ')}`)
  return handlers[sub][ctx.method](ctx)
}
