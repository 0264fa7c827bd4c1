//! Tax identifiers as each country writes them, unique per producer index.

use super::*;

/// KZ BIN/IIN check digit over the first 11 digits (the rule lives with `TaxId`).
pub(super) fn kz_check_digit(d: &[u8]) -> Option<u8> {
    app::foundations::domain::kz_check_digit(d.try_into().ok()?)
}

/// KZ BIN: YYMM of registration, 4 (resident legal entity), 0 (head office), serial, check.
/// The index, permuted below 10,000,000, splits into a slot of four registration months
/// (within 1991-01..2024-04) and a 5-digit serial, so numbers are unique for index < 10,000,000.
/// A month whose check digit fails is skipped; the spare months 2024-05..2025-12 and the
/// serial bump only guard against panics (a test shows they are never needed).
pub(super) fn kz_bin(index: u64, seed: u64) -> ([u8; 12], i32) {
    let n = permute(index, 10_000_000, SCRAMBLE, seed);
    for bump in 0..100_000 {
        let serial = (n / 100 + bump) % 100_000;
        for ym in kz_months(n % 100).chain(400..420) {
            let year = 1991 + (ym / 12) as i32;
            let body = (year as u64 % 100) * 1_000_000_000
                + (ym % 12 + 1) * 10_000_000
                + 4_000_000
                + serial;
            let mut d = [0u8; 12];
            for (k, digit) in d.iter_mut().take(11).enumerate() {
                *digit = (body / 10u64.pow(10 - k as u32) % 10) as u8;
            }
            if let Some(c) = kz_check_digit(&d[..11]) {
                d[11] = c;
                return (d, year);
            }
        }
    }
    ([9, 4, 0, 1, 4, 0, 0, 0, 0, 3, 8, 5], 1994) // unreachable: a known valid BIN
}

/// The four registration months (0 = 1991-01) of a slot: slot + 100·k is injective, and ×37
/// (a bijection modulo 400) spreads each slot over the years and all twelve months.
pub(super) fn kz_months(slot: u64) -> impl Iterator<Item = u64> {
    (0..4).map(move |k| (slot + 100 * k) * 37 % 400)
}

/// Coprime to 10, hence a valid multiplier for `permute` modulo any power of ten.
pub(super) const SCRAMBLE: u64 = 7_919_393;

/// A bijection on 0..m when `a` is coprime to m: unique numbers that do not look sequential.
pub(super) fn permute(x: u64, m: u64, a: u64, seed: u64) -> u64 {
    ((u128::from(x % m) * u128::from(a) + u128::from(mix(seed) % m)) % u128::from(m)) as u64
}

/// The tax id and, where the number encodes it, the registration year.
pub(super) fn tax_id(country: &str, seed: u64, index: u64, rng: &mut Rng) -> (String, Option<i32>) {
    match country {
        "KZ" => {
            let (d, year) = kz_bin(index, seed);
            (d.iter().map(|d| char::from(b'0' + d)).collect(), Some(year))
        }
        "KG" => {
            // 0 + DDMMYYYY + serial. The index, permuted below 11,424 days (1..=28 of each
            // month of 1991-2024) × 100,000 serials, splits into both: unique up to 1.1e9.
            const DAYS: u64 = 34 * 12 * 28;
            // 62,491 = 11·13·19·23 shares no factor with 2^10·3·5^5·7·17.
            let n = permute(index, DAYS * 100_000, 62_491, seed);
            let (date, serial) = (n % DAYS, n / DAYS);
            let year = 1991 + (date % 34) as i32;
            let (month, day) = ((date / 34) % 12 + 1, date / 408 + 1);
            (format!("0{day:02}{month:02}{year}{serial:05}"), Some(year))
        }
        // Legal entities start with 2 or 3; the other eight digits alone are unique.
        "UZ" => {
            let tail = permute(index, 100_000_000, SCRAMBLE, seed);
            (format!("{}{tail:08}", 2 + rng.below(2)), None)
        }
        "TJ" => (format!("0{:08}", permute(index, 100_000_000, SCRAMBLE, seed ^ 1)), None),
        _ => (format!("1{:011}", permute(index, 100_000_000_000, SCRAMBLE, seed ^ 2)), None),
    }
}
