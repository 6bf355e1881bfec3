// Next 16: proxy.ts (Node runtime). On Next 15 the same line goes in middleware.ts as `export { auth as middleware }`.
// The `authorized` callback in auth.ts decides; signed-out visitors go to the sign-in page with a callbackUrl.
export { auth as proxy } from './auth'

export const config = { matcher: ['/admin/:path*'] }
