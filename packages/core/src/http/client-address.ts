/**
 * The client's network address for a Request, as the framework integration saw it (socket address, or the
 * framework's own proxy-aware client IP). A WeakMap, not a header: nothing the client sends can set it.
 */
const addresses = new WeakMap<Request, string>()

/** Record the client address of a Request you are about to pass to `Auth()`. Returns the same Request. */
export function setClientAddress(request: Request, address: string | null | undefined): Request {
  if (typeof address === 'string' && address) addresses.set(request, address)
  return request
}

/** The address recorded for this Request, if an integration recorded one. */
export function clientAddressOf(request: Request): string | undefined {
  return addresses.get(request)
}
