//! Who the client is: the socket's peer, or — when that peer is one of the operator's trusted
//! proxies (`TRUSTED_PROXIES`) — the address the proxies say they received the request from.
//!
//! `X-Forwarded-For` (or the standard `Forwarded: for=`) is a list each proxy appends to; only
//! the hops added by trusted proxies can be believed. Walking it from the right, the first
//! address that is not a trusted proxy is the client. A peer outside the list is the client
//! itself, whatever headers it sends: a spoofed header changes nothing.

use std::net::IpAddr;

/// An address block such as `10.0.0.0/8`, `192.168.1.7` or `fd00::/8`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    pub fn parse(s: &str) -> Result<Cidr, String> {
        let s = s.trim();
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let network: IpAddr =
            addr.parse().map_err(|_| format!("`{s}` is not an IP address or CIDR block"))?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("`{s}`: the prefix length must be 0 to {max}"))?,
            None => max,
        };
        Ok(Cidr { network, prefix })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        match (self.network, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.prefix)).unwrap_or(0);
                u32::from(n) & mask == u32::from(a) & mask
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(self.prefix)).unwrap_or(0);
                u128::from(n) & mask == u128::from(a) & mask
            }
            _ => false,
        }
    }
}

/// An IPv4 client seen through an IPv6 socket (`::ffff:a.b.c.d`) is that IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The proxies whose forwarding headers are believed (none by default).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Cidr>);

impl TrustedProxies {
    /// A comma- or space-separated list of addresses and CIDR blocks.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        list.split([',', ' '])
            .filter(|s| !s.trim().is_empty())
            .map(Cidr::parse)
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|c| c.contains(ip))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the client reached the site over HTTPS. The server speaks plain HTTP behind a
    /// TLS-terminating proxy, so: a proxy that may say (this machine itself, or a listed one)
    /// says it with `X-Forwarded-Proto`; anyone else connecting straight from the network is
    /// taken to be on HTTPS, as a public registry must be (its cookies are `Secure`), and only
    /// loopback without the header is plain HTTP (a developer's machine).
    pub fn https(&self, peer: IpAddr, forwarded_proto: Option<&str>) -> bool {
        let peer = canonical(peer);
        if peer.is_loopback() || self.contains(peer) {
            forwarded_proto.is_some_and(|p| p.trim().eq_ignore_ascii_case("https"))
        } else {
            true
        }
    }

    /// The client's address: `peer` unless it is trusted, else the rightmost untrusted hop of
    /// the forwarding headers (the leftmost hop when every one is trusted).
    pub fn client_ip(&self, peer: IpAddr, headers: &http::HeaderMap) -> IpAddr {
        let peer = canonical(peer);
        if !self.contains(peer) {
            return peer;
        }
        let hops = forwarded_hops(headers);
        let mut client = peer;
        for hop in hops.iter().rev() {
            client = *hop;
            if !self.contains(*hop) {
                break;
            }
        }
        client
    }
}

/// The addresses of `Forwarded: for=…` if present, else of `X-Forwarded-For`, in order. A hop
/// that does not parse ends the list there (nothing left of it can be trusted).
fn forwarded_hops(headers: &http::HeaderMap) -> Vec<IpAddr> {
    let values = |name: &str| {
        headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(",")
    };
    let forwarded = values("forwarded");
    let raw: Vec<String> = if !forwarded.trim().is_empty() {
        forwarded
            .split(',')
            .filter_map(|element| {
                element.split(';').find_map(|pair| {
                    let (k, v) = pair.trim().split_once('=')?;
                    k.trim().eq_ignore_ascii_case("for").then(|| v.trim().to_owned())
                })
            })
            .collect()
    } else {
        values("x-forwarded-for").split(',').map(|s| s.trim().to_owned()).collect()
    };
    let mut hops = Vec::new();
    for hop in raw.iter().filter(|h| !h.is_empty()) {
        match parse_hop(hop) {
            Some(ip) => hops.push(canonical(ip)),
            // Unparseable: the hops before it cannot be attributed; stop believing there.
            None => hops.clear(),
        }
    }
    hops
}

/// `1.2.3.4`, `1.2.3.4:5678`, `"[2001:db8::1]:443"`, `2001:db8::1`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim().trim_matches('"');
    if let Ok(ip) = hop.parse() {
        return Some(ip);
    }
    if let Some(rest) = hop.strip_prefix('[') {
        return rest.split_once(']').and_then(|(ip, _)| ip.parse().ok());
    }
    hop.rsplit_once(':').and_then(|(ip, _)| ip.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_is_told_by_loopback_and_listed_proxies_and_assumed_elsewhere() {
        let trusted = TrustedProxies::parse("10.0.0.0/8").unwrap();
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        // A proxy beside the server, or a listed one, says which it was.
        assert!(trusted.https(ip("127.0.0.1"), Some("https")));
        assert!(trusted.https(ip("::ffff:127.0.0.1"), Some("HTTPS")));
        assert!(!trusted.https(ip("127.0.0.1"), None));
        assert!(trusted.https(ip("10.1.2.3"), Some("https")));
        assert!(!trusted.https(ip("10.1.2.3"), Some("http")));
        // Anyone else: whatever the header says, cookies stay Secure.
        assert!(trusted.https(ip("203.0.113.9"), Some("http")));
        assert!(TrustedProxies::default().https(ip("203.0.113.9"), None));
    }

    fn headers(pairs: &[(&'static str, &str)]) -> http::HeaderMap {
        let mut h = http::HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, v.parse().unwrap());
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn cidr_blocks_match_their_addresses_only() {
        let c = Cidr::parse("10.0.0.0/8").unwrap();
        assert!(c.contains(ip("10.200.1.1")) && !c.contains(ip("11.0.0.1")));
        assert!(Cidr::parse("::ffff:0:0/96").is_ok());
        assert!(Cidr::parse("0.0.0.0/0").unwrap().contains(ip("8.8.8.8")));
        assert!(Cidr::parse("10.0.0.0/33").is_err() && Cidr::parse("proxy").is_err());
        assert!(Cidr::parse("127.0.0.1").unwrap().contains(ip("::ffff:127.0.0.1")));
    }

    #[test]
    fn untrusted_peers_are_the_client_whatever_they_claim() {
        let trusted = TrustedProxies::parse("10.0.0.0/8").unwrap();
        let h = headers(&[("x-forwarded-for", "1.1.1.1")]);
        assert_eq!(trusted.client_ip(ip("203.0.113.9"), &h), ip("203.0.113.9"));
        assert_eq!(TrustedProxies::default().client_ip(ip("10.0.0.1"), &h), ip("10.0.0.1"));
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let trusted = TrustedProxies::parse("10.0.0.0/8, 192.168.0.1").unwrap();
        // The client forged the first hop; the proxy appended the real one.
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 203.0.113.9, 192.168.0.1")]);
        assert_eq!(trusted.client_ip(ip("10.0.0.2"), &h), ip("203.0.113.9"));
        let h = headers(&[("forwarded", "for=6.6.6.6, for=\"[2001:db8::7]:443\";proto=https")]);
        assert_eq!(trusted.client_ip(ip("10.0.0.2"), &h), ip("2001:db8::7"));
        let h = headers(&[("x-forwarded-for", "203.0.113.9:5000")]);
        assert_eq!(trusted.client_ip(ip("10.0.0.2"), &h), ip("203.0.113.9"));
        // No header: the proxy itself.
        assert_eq!(trusted.client_ip(ip("10.0.0.2"), &headers(&[])), ip("10.0.0.2"));
        // Garbage to the right of the proxy: nothing is believed.
        let h = headers(&[("x-forwarded-for", "203.0.113.9, nonsense")]);
        assert_eq!(trusted.client_ip(ip("10.0.0.2"), &h), ip("10.0.0.2"));
    }
}
