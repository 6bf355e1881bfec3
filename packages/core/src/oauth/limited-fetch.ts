import { OAuthProviderUnavailable } from '../errors.js'
import { readLimited } from '../http/read-limited.js'

/**
 * Limits on every request Latch makes to a provider (`httpOptions` in the config or on a provider):
 * discovery, JWKS, token (code and refresh), userinfo, PAR, and a provider's own `userinfo.request()`
 * calls, which all go through the fetch {@link limitedFetch} returns.
 */
export interface HttpOptions {
  /** Milliseconds for a whole call, headers and body. Default 10000. NextAuth v4's `httpOptions.timeout`. */
  timeout?: number
  /** Bytes a response body may have. Default 1048576 (1 MiB). */
  maxResponseSize?: number
}

export const DEFAULT_TIMEOUT = 10_000
export const DEFAULT_MAX_RESPONSE_SIZE = 1024 * 1024

/** Statuses whose Response may not carry a body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304])

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback
}

/** The effective limits: the provider's `httpOptions` over the config's, over the defaults. */
export function limitsOf(config?: HttpOptions, provider?: HttpOptions): Required<HttpOptions> {
  return {
    timeout: positive(provider?.timeout, positive(config?.timeout, DEFAULT_TIMEOUT)),
    maxResponseSize: positive(provider?.maxResponseSize, positive(config?.maxResponseSize, DEFAULT_MAX_RESPONSE_SIZE)),
  }
}

function hostOf(input: string | URL | Request): string {
  try {
    return new URL(typeof input === 'string' || input instanceof URL ? input : input.url).host
  } catch {
    return 'provider'
  }
}

/**
 * `fetchImpl` with a deadline and a size cap: the call (headers and the whole body) must finish within
 * `timeout` ms, and the body may not pass `maxResponseSize` bytes. The body is read here, as a stream,
 * under the same deadline, so a body that trickles is cut off too; the caller gets a buffered Response.
 * Either failure throws OAuthProviderUnavailable. An abort signal of the caller is honoured. Edge-safe:
 * AbortController, setTimeout and stream reads only.
 */
export function limitedFetch(fetchImpl: typeof fetch, limits: Required<HttpOptions>): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const host = hostOf(input)
    const timeoutError = () => new OAuthProviderUnavailable(`${host} did not answer within ${limits.timeout} ms`)
    const controller = new AbortController()
    const outer = init?.signal ?? undefined
    const onOuterAbort = () => controller.abort(outer?.reason)
    if (outer?.aborted) onOuterAbort()
    else outer?.addEventListener('abort', onOuterAbort, { once: true })
    const timer = setTimeout(() => controller.abort(timeoutError()), limits.timeout)
    // Also race the abort, for fetch implementations that ignore the signal.
    const aborted = new Promise<never>((_, reject) => {
      const fail = () => reject(controller.signal.reason as Error)
      if (controller.signal.aborted) fail()
      else controller.signal.addEventListener('abort', fail, { once: true })
    })
    aborted.catch(() => {})
    try {
      const response = await Promise.race([fetchImpl(input, { ...init, signal: controller.signal }), aborted])
      const tooLarge = () => new OAuthProviderUnavailable(`${host} answered more than ${limits.maxResponseSize} bytes`)
      const declared = Number(response.headers.get('content-length'))
      if (Number.isFinite(declared) && declared > limits.maxResponseSize) {
        await response.body?.cancel().catch(() => {})
        throw tooLarge()
      }
      let body: Uint8Array | null = null
      if (response.body) {
        body = await Promise.race([readLimited(response.body, limits.maxResponseSize, controller.signal), aborted])
        if (body === null) throw tooLarge()
      }
      const headers = new Headers(response.headers)
      // The body is decoded already; its length is the buffer's.
      headers.delete('content-encoding')
      headers.delete('content-length')
      return new Response(NULL_BODY.has(response.status) ? null : (body as BodyInit | null), {
        status: response.status,
        statusText: response.statusText,
        headers,
      })
    } catch (error) {
      if (controller.signal.aborted && !outer?.aborted) throw controller.signal.reason
      throw error
    } finally {
      clearTimeout(timer)
      outer?.removeEventListener('abort', onOuterAbort)
    }
  }) as typeof fetch
}
