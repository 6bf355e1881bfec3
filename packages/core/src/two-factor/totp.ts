import { Secret, TOTP, URI } from 'otpauth/slim'
import { renderSVG } from 'uqr'

/** RFC 6238 with the parameters every authenticator app supports: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30
const DIGITS = 6
/** Steps either side of now that are accepted (clock skew between the phone and the server). */
export const SKEW_STEPS = 1

/** A new random secret (160 bits, RFC 4226's recommendation), base32. */
export function newSecret(): string {
  return new Secret({ size: 20 }).base32
}

function totp(secret: string, label = 'user', issuer = ''): TOTP {
  return new TOTP({ issuer, label, issuerInLabel: !!issuer, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: DIGITS, period: PERIOD })
}

/** The `otpauth://totp/...` URI an authenticator app scans. */
export function otpauthUri(secret: string, label: string, issuer: string): string {
  return URI.stringify(totp(secret, label, issuer))
}

/** The code for a time (ms); tests and the shared suites use it as an authenticator app would. */
export function totpCode(secret: string, timestampMs: number): string {
  return totp(secret).generate({ timestamp: timestampMs })
}

/** The time step of `timestampMs`. */
export function stepAt(timestampMs: number): number {
  return Math.floor(timestampMs / 1000 / PERIOD)
}

/**
 * The time step whose code `code` is, within ±SKEW_STEPS of now, or null. The caller must still record the step
 * (adapter markTotpStep) so the code, and any earlier one, is not accepted again.
 */
export function matchStep(secret: string, code: string, timestampMs: number): number | null {
  if (!new RegExp(`^[0-9]{${DIGITS}}$`).test(code)) return null
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: DIGITS, period: PERIOD, timestamp: timestampMs, window: SKEW_STEPS })
  return delta === null ? null : stepAt(timestampMs) + delta
}

/** The QR code of `uri` as an SVG element (inline in the built-in page: no script, no image request). */
export function qrSvg(uri: string): string {
  return renderSVG(uri, { border: 2, pixelSize: 5 })
}
