import type { Awaitable } from '../base-types.js'

export interface DefaultJWT extends Record<string, unknown> {
  name?: string | null
  email?: string | null
  picture?: string | null
  sub?: string
  iat?: number
  exp?: number
  jti?: string
}

export interface JWT extends Record<string, unknown>, DefaultJWT {}

export interface JWTEncodeParams<Payload = JWT> {
  token?: Payload
  /** Cookie name the token is stored under; part of the key derivation. */
  salt: string
  secret: string | string[]
  /** Seconds from now. Default 30 days. */
  maxAge?: number
  /** The current time in seconds (Latch passes its injected clock). */
  now?: number
}

export interface JWTDecodeParams {
  token?: string
  salt: string
  secret: string | string[]
  /** The current time in seconds (Latch passes its injected clock). */
  now?: number
}

export interface JWTOptions {
  maxAge: number
  encode: (params: JWTEncodeParams) => Awaitable<string>
  decode: (params: JWTDecodeParams) => Awaitable<JWT | null>
}
