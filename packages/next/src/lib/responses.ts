/**
 * The two proxy/middleware answers, as plain Responses (what `NextResponse.next()` / `NextResponse.redirect()`
 * build). Not importing `next/server` at run time keeps this package loadable by plain Node ESM, which is how
 * Next loads it for the pages router (`auth(req, res)`, `auth(ctx)`, `getServerSession`).
 */

/** Go on to the route (Next reads `x-middleware-next`). */
export function nextResponse(): Response {
  return new Response(null, { headers: { 'x-middleware-next': '1' } })
}

/** A temporary redirect that keeps the method, as `NextResponse.redirect(url)`. */
export function redirectResponse(url: string | URL, status = 307): Response {
  return new Response(null, { status, headers: { Location: String(url) } })
}
