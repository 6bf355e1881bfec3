import type { Cookie } from '@latch/core'
import { cookieStore } from './next-request.js'

/**
 * Write the core's cookies through Next's `cookies()` store. Allowed in server actions and route handlers;
 * in a server component Next refuses, and then (`strict` false) the cookies are dropped silently: a
 * re-issued session cookie simply waits for the next request that can set it.
 */
export async function setCookies(list: Cookie[] | undefined, strict: boolean): Promise<void> {
  if (!list?.length) return
  let store: Awaited<ReturnType<typeof cookieStore>>
  try {
    store = await cookieStore()
    for (const { name, value, options } of list) {
      store.set(name, value, {
        httpOnly: options.httpOnly,
        sameSite: options.sameSite,
        path: options.path ?? '/',
        secure: options.secure,
        domain: options.domain,
        maxAge: options.maxAge,
        expires: options.maxAge === undefined ? options.expires : undefined,
        partitioned: options.partitioned,
      })
    }
  } catch (e) {
    if (strict) throw e
  }
}
