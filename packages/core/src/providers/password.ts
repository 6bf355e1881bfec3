import type { PasswordConfig, PasswordMailKind, PasswordMailParams } from '../passwords/types.js'

export type { PasswordConfig, PasswordMailKind, PasswordMailParams }
export { hashPassword, verifyPassword, scryptNeedsRehash, type ScryptParams } from '../passwords/hash.js'
export { passwordEmail } from '../passwords/mail.js'

export type PasswordProviderOptions = Partial<Omit<PasswordConfig, 'type' | 'sendVerificationRequest'>> & Pick<PasswordConfig, 'sendVerificationRequest'>

/**
 * E-mail + password accounts: sign-up, sign-in, e-mail verification, forgot/reset and change password, on routes
 * under the auth base path. Needs an adapter with verification tokens and `getPasswordHash`/`setPasswordHash`.
 * The routes and pages load on first use; see docs/guides/passwords.md.
 */
export default function Password(options: PasswordProviderOptions): PasswordConfig {
  if (typeof options?.sendVerificationRequest !== 'function') {
    throw new TypeError('Password provider: pass sendVerificationRequest (it sends the verification and reset mails)')
  }
  return { id: 'password', name: 'Password', ...options, type: 'password' }
}

export { Password }
