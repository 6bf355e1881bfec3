import { describe, expect, it } from 'vitest'
import { canonicalIp, ipKey } from '../src/rate-limit/ip.js'
import { MemoryRateLimitStore } from '../src/rate-limit/memory.js'

describe('client IP keys', () => {
  it.each([
    ['1.2.3.4', 'v4=1.2.3.4'],
    [' 1.2.3.4 ', 'v4=1.2.3.4'],
    ['1.2.3.4:8080', 'v4=1.2.3.4'],
    ['::ffff:1.2.3.4', 'v4=1.2.3.4'],
    ['::FFFF:102:304', 'v4=1.2.3.4'],
    ['[::ffff:1.2.3.4]:443', 'v4=1.2.3.4'],
    ['0:0:0:0:0:ffff:0102:0304', 'v4=1.2.3.4'],
  ])('IPv4 %s → %s', (input, key) => {
    expect(ipKey(input)).toBe(key)
  })

  it('every textual form of one IPv6 address is one key', () => {
    const forms = [
      '2001:db8:0:0:1:0:0:1',
      '2001:DB8::1:0:0:1',
      '2001:0db8:0000:0000:0001:0000:0000:0001',
      '[2001:db8::1:0:0:1]',
      '[2001:db8::1:0:0:1]:8443',
      '2001:db8::1:0:0:1%eth0',
    ]
    const keys = new Set(forms.map(ipKey))
    expect([...keys]).toEqual(['v6=2001:db8::/64'])
  })

  it('groups IPv6 by /64', () => {
    expect(ipKey('2001:db8:1:2:aaaa::1')).toBe(ipKey('2001:db8:1:2:ffff:ffff:ffff:ffff'))
    expect(ipKey('2001:db8:1:2::1')).toBe('v6=2001:db8:1:2::/64')
    expect(ipKey('2001:db8:1:3::1')).not.toBe(ipKey('2001:db8:1:2::1'))
    expect(ipKey('::1')).toBe('v6=::/64')
    expect(ipKey('fe80::1')).toBe('v6=fe80::/64')
  })

  it('RFC 5952 canonical text', () => {
    expect(canonicalIp('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1')
    expect(canonicalIp('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1')
    expect(canonicalIp('2001:0:0:1:0:0:0:1')).toBe('2001:0:0:1::1')
    expect(canonicalIp('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1')
    expect(canonicalIp('0:0:0:0:0:0:0:0')).toBe('::')
  })

  it.each(['', 'localhost', '1.2.3', '1.2.3.256', '01.2.3.4', '1.2.3.4.5', '2001:db8::1::1', '12345::', ':::', 'g::1', '1:2:3:4:5:6:7:8:9', '::ffff:1.2.3.999', 'x'.repeat(100)])(
    'not an IP: %s',
    (input) => {
      expect(ipKey(input)).toBeNull()
    },
  )
})

describe('memory rate-limit store', () => {
  it('counts in fixed windows and resets', () => {
    let now = 0
    const store = new MemoryRateLimitStore({ now: () => now })
    expect(store.hit('k', 1000)).toEqual({ count: 1, resetMs: 1000 })
    now = 400
    expect(store.hit('k', 1000)).toEqual({ count: 2, resetMs: 600 })
    now = 1000
    expect(store.hit('k', 1000)).toEqual({ count: 1, resetMs: 1000 })
    store.reset('k')
    expect(store.hit('k', 1000).count).toBe(1)
  })

  it('stays bounded', () => {
    const store = new MemoryRateLimitStore({ maxKeys: 10 })
    for (let i = 0; i < 100; i++) store.hit(`k${i}`, 60_000)
    expect(store.hit('k99', 60_000).count).toBe(2)
    expect(store.hit('k0', 60_000).count).toBe(1)
  })
})
