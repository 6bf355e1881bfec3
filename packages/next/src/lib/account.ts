import type { Cookie } from '@latch/core'
import { accountFor, type AccountHelpers } from '@latch/core/account'
import type { ConfigResolver } from './config.js'
import { requestHeaders } from './next-request.js'
import { internalRequest, originFor } from './session.js'
import { setCookies } from './next-cookies.js'

/** A Set-Cookie line as the core wrote it, back to the Cookie the cookies() store takes. */
function parseLine(line: string): Cookie | undefined {
  const [pair, ...attrs] = line.split(';')
  const eq = pair!.indexOf('=')
  if (eq < 1) return undefined
  const options: Cookie['options'] = {}
  for (const attr of attrs) {
    const [k, ...v] = attr.trim().split('=')
    const key = k!.toLowerCase()
    const value = v.join('=')
    if (key === 'path') options.path = value
    else if (key === 'domain') options.domain = value
    else if (key === 'max-age') options.maxAge = Number(value)
    else if (key === 'expires') options.expires = new Date(value)
    else if (key === 'httponly') options.httpOnly = true
    else if (key === 'secure') options.secure = true
    else if (key === 'partitioned') options.partitioned = true
    else if (key === 'samesite') options.sameSite = value.toLowerCase() as 'lax' | 'strict' | 'none'
  }
  return { name: pair!.slice(0, eq).trim(), value: decodeURIComponent(pair!.slice(eq + 1).trim()), options }
}

/**
 * `account()` (server actions and route handlers): account management for the signed-in user of this request
 * (@latch/core/account). The account routes' rules apply (recent sign-in for the sensitive ones); Next checks
 * server actions' Origin, which stands in for the CSRF token. Cookies (a deletion clears the session) are set
 * through `cookies()`.
 */
export function createAccount(resolve: ConfigResolver): () => Promise<AccountHelpers> {
  return async () => {
    const h = await requestHeaders()
    const p = await resolve(undefined)
    const request = internalRequest(p, h, '/account', { origin: originFor(p, h) })
    return accountFor(request, p.config, (lines) => {
      return setCookies(lines.map(parseLine).filter((c): c is Cookie => c !== undefined), true)
    })
  }
}
