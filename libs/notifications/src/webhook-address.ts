import { BlockList, isIP } from 'node:net';

/** Why an address may not receive webhooks, or `public` when it may. */
export type AddressClass =
  | 'public'
  | 'metadata'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link-local'
  | 'unique-local'
  | 'multicast'
  | 'reserved'
  | 'invalid';

type Range = readonly [address: string, prefix: number];

/**
 * IPv4 special-purpose ranges (IANA registry, RFC 6890) that must never receive a webhook. Order matters: the first
 * class that matches names the reason (the metadata address sits inside link-local).
 */
const IPV4: readonly (readonly [AddressClass, readonly Range[]])[] = [
  ['metadata', [['169.254.169.254', 32]]],
  ['unspecified', [['0.0.0.0', 8]]],
  ['loopback', [['127.0.0.0', 8]]],
  [
    'private',
    [
      ['10.0.0.0', 8],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
    ],
  ],
  ['cgnat', [['100.64.0.0', 10]]],
  ['link-local', [['169.254.0.0', 16]]],
  ['multicast', [['224.0.0.0', 4]]],
  [
    'reserved',
    [
      ['192.0.0.0', 24], // IETF protocol assignments
      ['192.0.2.0', 24], // documentation
      ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
      ['198.18.0.0', 15], // benchmarking
      ['198.51.100.0', 24], // documentation
      ['203.0.113.0', 24], // documentation
      ['240.0.0.0', 4], // reserved, and the broadcast address
    ],
  ],
];

/** IPv6 ranges that are not globally routable unicast, or that embed an address we cannot vouch for. */
const IPV6: readonly (readonly [AddressClass, readonly Range[]])[] = [
  ['metadata', [['fd00:ec2::254', 128]]],
  ['unspecified', [['::', 128]]],
  ['loopback', [['::1', 128]]],
  ['link-local', [['fe80::', 10]]],
  ['unique-local', [['fc00::', 7]]],
  ['multicast', [['ff00::', 8]]],
  [
    'reserved',
    [
      ['::', 96], // IPv4-compatible (deprecated)
      ['64:ff9b:1::', 48], // local-use NAT64
      ['100::', 64], // discard
      ['2001::', 23], // IETF protocol assignments, Teredo (which embeds an obfuscated IPv4) included
      ['2001:db8::', 32], // documentation
      ['fec0::', 10], // site-local (deprecated)
    ],
  ],
];

/**
 * IPv6 prefixes that carry an IPv4 address a gateway forwards to (NAT64 well-known prefix, 6to4): each refused IPv4
 * range is refused inside them too. IPv4-mapped addresses (::ffff:a.b.c.d) BlockList itself checks against the IPv4
 * rules.
 */
const EMBEDDING: readonly ((v4: string, prefix: number) => Range)[] = [
  (v4, prefix) => [`64:ff9b::${v4}`, 96 + prefix],
  (v4, prefix) => {
    const [a, b, c, d] = v4.split('.').map(Number);
    const hex = (x: number, y: number) => ((x << 8) | y).toString(16);
    return [`2002:${hex(a, b)}:${hex(c, d)}::`, 16 + prefix];
  },
];

const CLASSES: readonly (readonly [AddressClass, BlockList])[] = (() => {
  const lists = new Map<AddressClass, BlockList>();
  const listOf = (cls: AddressClass) => {
    let list = lists.get(cls);
    if (!list) lists.set(cls, (list = new BlockList()));
    return list;
  };
  for (const [cls, ranges] of IPV4) {
    for (const [address, prefix] of ranges) {
      listOf(cls).addSubnet(address, prefix, 'ipv4');
      for (const embed of EMBEDDING) listOf(cls).addSubnet(...embed(address, prefix), 'ipv6');
    }
  }
  for (const [cls, ranges] of IPV6)
    for (const [address, prefix] of ranges) listOf(cls).addSubnet(address, prefix, 'ipv6');
  return [...lists.entries()];
})();

/**
 * Globally routable IPv6 unicast (2000::/3), and the IPv4-mapped and NAT64 forms whose IPv4 part passed the checks
 * above.
 */
const ROUTABLE_V6 = new BlockList();
ROUTABLE_V6.addSubnet('2000::', 3, 'ipv6');
ROUTABLE_V6.addSubnet('::ffff:0:0', 96, 'ipv6');
ROUTABLE_V6.addSubnet('64:ff9b::', 96, 'ipv6');

/**
 * Classifies one IP address (as `net.isIP` understands it, no brackets, no zone) for webhook delivery. Anything
 * that is not a plain, globally routable unicast address is refused, whatever notation spells it.
 */
export function classifyAddress(address: string): AddressClass {
  const family = isIP(address);
  if (family === 0) return 'invalid';
  // A zone (`fe80::1%eth0`) scopes an address to one link: never a global target.
  if (address.includes('%')) return 'link-local';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  try {
    for (const [cls, list] of CLASSES) if (list.check(address, type)) return cls;
    if (type === 'ipv6' && !ROUTABLE_V6.check(address, 'ipv6')) return 'reserved';
  } catch {
    return 'invalid';
  }
  return 'public';
}

/** The reason a refused address class gives in a 400 and in the docs; never the address itself. */
export const ADDRESS_REASONS: Record<Exclude<AddressClass, 'public'>, string> = {
  metadata: 'must not point at a cloud metadata address',
  unspecified: 'must not point at an unspecified address (0.0.0.0, ::)',
  loopback: 'must not point at a loopback address',
  private: 'must not point at a private (RFC 1918) address',
  cgnat: 'must not point at a shared (carrier-grade NAT, 100.64.0.0/10) address',
  'link-local': 'must not point at a link-local address',
  'unique-local': 'must not point at a unique-local IPv6 address',
  multicast: 'must not point at a multicast address',
  reserved: 'must not point at a reserved or special-purpose address',
  invalid: 'must name a valid host',
};
