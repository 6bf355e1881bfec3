// @ts-check
// E-mail + password accounts, switched on by PASSWORD_MAILBOX (the shared password suite does): accounts live in the
// example's store (memory unless AUTH_STORE names one) and each mail is appended to that file as a JSON line instead
// of being sent. Local use only.
import { appendFile } from 'node:fs/promises'
import Password from '@latch/core/providers/password'

/** @param {string} mailbox */
export function passwordProvider(mailbox) {
  return Password({
    scrypt: { ln: 10, r: 8, p: 1 },
    async sendVerificationRequest({ kind, identifier, url }) {
      await appendFile(mailbox, JSON.stringify({ kind, identifier, url }) + '\n')
    },
  })
}
