// E-mail + password accounts, switched on by PASSWORD_MAILBOX (the shared password suite sets it): accounts live in
// memory (one store per server process, whichever route bundle asks) and each mail is appended to that file as a
// JSON line instead of being sent. Local use only.
import { appendFile } from 'node:fs/promises'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import Password, { type PasswordConfig } from '@latch/core/providers/password'

type Accounts = { adapter: ReturnType<typeof MemoryAdapter>; provider: PasswordConfig }
const shared = globalThis as { __latchExamplePasswords?: Accounts }

export function passwordAccounts(mailbox: string): Accounts {
  return (shared.__latchExamplePasswords ??= {
    adapter: MemoryAdapter(),
    provider: Password({
      scrypt: { ln: 10, r: 8, p: 1 },
      async sendVerificationRequest({ kind, identifier, url }) {
        await appendFile(mailbox, JSON.stringify({ kind, identifier, url }) + '\n')
      },
    }),
  })
}
