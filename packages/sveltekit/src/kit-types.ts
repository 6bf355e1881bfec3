/**
 * The slice of SvelteKit this package uses, typed structurally so that it works with Kit 2 and Kit 3
 * without importing Kit's types (a Kit `RequestEvent` / `Handle` is assignable to these).
 */
export interface KitCookieOptions {
  path: string
  domain?: string
  expires?: Date
  maxAge?: number
  httpOnly?: boolean
  secure?: boolean
  sameSite?: 'lax' | 'strict' | 'none' | boolean
  partitioned?: boolean
}

export interface KitCookies {
  get(name: string): string | undefined
  set(name: string, value: string, options: KitCookieOptions): void
}

export interface KitRequestEvent {
  request: Request
  url: URL
  cookies: KitCookies
  locals: object
  /** The client's IP as the adapter sees it (adapter-node honours ADDRESS_HEADER / XFF_DEPTH). */
  getClientAddress?: () => string
  /** The adapter's platform: adapter-cloudflare gives `context.waitUntil`. */
  platform?: { context?: { waitUntil?: (promise: Promise<unknown>) => void } } | unknown
}

export type KitResolve = (event: any, opts?: any) => Response | Promise<Response>

export type KitHandle = (input: { event: any; resolve: KitResolve }) => Promise<Response>
