// Route handlers, unlike server actions, get no origin check from Next: a sign-in or sign-out form posted from
// another site must not reach signIn()/signOut() (login CSRF). Browsers send Origin on every POST.
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin')
  const host = request.headers.get('host')
  if (!origin || !host) return false
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}
