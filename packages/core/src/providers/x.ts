import Twitter, { type TwitterProfile } from './twitter.js'
import type { OAuthConfig } from './types.js'

export type XProfile = TwitterProfile

/** The Twitter provider under its new name: id `x`, callback `/callback/x`. */
export default function X(options: Partial<OAuthConfig<XProfile>> = {}): OAuthConfig<XProfile> {
  return Twitter({ id: 'x', name: 'X', ...options })
}

export { X }
