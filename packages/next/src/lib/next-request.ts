import type { cookies as Cookies, headers as Headers } from 'next/headers'

/**
 * `next/headers`, loaded on first use. A static import would make Next refuse the whole package in the
 * pages router ("depends on next/headers"), where `auth(req, res)` and `auth(ctx)` must still work.
 */
export async function requestHeaders(): Promise<Awaited<ReturnType<typeof Headers>>> {
  const { headers } = await import('next/headers')
  return headers()
}

export async function cookieStore(): Promise<Awaited<ReturnType<typeof Cookies>>> {
  const { cookies } = await import('next/headers')
  return cookies()
}
