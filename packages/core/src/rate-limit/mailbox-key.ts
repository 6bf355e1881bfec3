/**
 * The rate-limit key of a mailbox: variants that deliver to one inbox share one send budget, so a mail-bombing
 * attacker cannot get a fresh budget per spelling. Input is an address already through `normalizeEmail` (NFKC,
 * lower case, IDNA ASCII domain). Folds a `+tag` and dots in the local part (Gmail and many hosts ignore them)
 * and `googlemail.com` into `gmail.com`. Only the key folds: the stored and sent address stays as typed.
 */
export function mailboxKey(address: string): string {
  const at = address.lastIndexOf('@')
  if (at < 0) return address
  const domain = address.slice(at + 1)
  const local = address.slice(0, at).split('+')[0]!.replace(/\./g, '')
  return `mailbox:${local || '+'}@${domain === 'googlemail.com' ? 'gmail.com' : domain}`
}
