use super::*;
use std::collections::{HashMap, HashSet};

const HS: &str = include_str!("../../../../migrations/data/hs2022/harmonized-system.csv");
const REGIONS_CSV: &str = include_str!("../../../../migrations/data/regions.csv");

fn valid_bin(bin: &str) -> bool {
    let d: Vec<u8> = bin.bytes().map(|b| b.wrapping_sub(b'0')).collect();
    d.len() == 12 && d.iter().all(|&x| x < 10) && kz_check_digit(&d[..11]) == Some(d[11])
}

/// HS code → level (4 or 6); descriptions contain commas, so read the level from the end.
fn hs_levels() -> HashMap<&'static str, &'static str> {
    HS.lines().skip(1).filter_map(|l| Some((l.split(',').nth(1)?, l.rsplit(',').next()?))).collect()
}

#[test]
fn deterministic_and_seed_dependent() {
    for i in [0, 1, 431, 432, 99_999, 1 << 40, u64::MAX] {
        assert_eq!(producer(7, i), producer(7, i));
    }
    assert!((0..50).all(|i| producer(1, i) != producer(2, i)));
}

#[test]
fn kz_check_digit_accepts_known_bins() {
    for bin in ["940140000385", "950341000052", "070941024691", "961141000023", "190340000805"] {
        assert!(valid_bin(bin), "{bin}");
    }
    assert!(!valid_bin("949940000385"));
}

#[test]
fn kz_bin_stays_in_its_own_months_below_ten_million() {
    // Proves uniqueness: (serial, slot) is a bijection of the index, and each BIN keeps
    // its serial and a month of its own slot.
    // Exhaustive in release (`cargo test --release`), sampled in debug builds.
    let step = if cfg!(debug_assertions) { 31 } else { 1 };
    for seed in [0, 42] {
        for i in (0..10_000_000).step_by(step) {
            let (d, year) = kz_bin(i, seed);
            let ym = (year as u64 - 1991) * 12 + u64::from(d[2] * 10 + d[3]) - 1;
            let n = permute(i, 10_000_000, SCRAMBLE, seed);
            let serial = d[6..11].iter().fold(0, |acc, &x| acc * 10 + u64::from(x));
            assert!(kz_months(n % 100).any(|m| m == ym), "{i}");
            assert_eq!(serial, n / 100, "{i}");
        }
    }
}

#[test]
fn tax_ids_valid_and_unique_per_country() {
    let mut seen: HashMap<&str, HashSet<String>> = HashMap::new();
    for i in 0..200_000 {
        let (region, (id, _)) = region_and_tax_id(&mut Rng::new(42, i), 42, i);
        if i % 1000 == 0 {
            assert_eq!(producer(42, i).tax_id, id);
        }
        let t = id.as_str();
        assert!(t.bytes().all(|b| b.is_ascii_digit()), "{t}");
        let ok = match region.1 {
            "KZ" => {
                valid_bin(t) && (1..=12).contains(&t[2..4].parse().unwrap_or(0)) && &t[4..6] == "40"
            }
            "KG" => {
                let (day, month): (u32, u32) = (t[1..3].parse().unwrap(), t[3..5].parse().unwrap());
                t.len() == 14
                    && t.starts_with('0')
                    && (1..=28).contains(&day)
                    && (1..=12).contains(&month)
            }
            "UZ" => t.len() == 9 && (t.starts_with('2') || t.starts_with('3')),
            "TJ" => t.len() == 9,
            _ => t.len() == 12,
        };
        assert!(ok, "{} {t}", region.1);
        assert!(seen.entry(region.1).or_default().insert(t.to_string()), "duplicate {t}");
    }
    assert_eq!(seen.len(), 5);
}

#[test]
fn all_regions_appear_early_and_exist() {
    let known: HashSet<(&str, &str)> = REGIONS_CSV
        .lines()
        .skip(1)
        .filter_map(|l| Some((l.split(',').next()?, l.split(',').nth(1)?)))
        .collect();
    assert_eq!(known.len(), 54);
    assert!(REGIONS.iter().all(|r| known.contains(&(r.0, r.1))));
    let seen: HashSet<&str> = (0..2000).map(|i| producer(3, i).region).collect();
    assert_eq!(seen.len(), 54);
}

#[test]
fn all_hs_codes_exist() {
    let levels = hs_levels();
    assert_eq!(GROUPS.len(), Furniture as usize + 1);
    assert_eq!(GROUPS[Cotton as usize].en, "cotton fibre and yarn");
    assert_eq!(GROUPS[Furniture as usize].en, "furniture");
    for p in GROUPS.iter().flat_map(|g| g.products) {
        assert_eq!(levels.get(p.hs), Some(&"6"), "{}", p.hs);
        assert_eq!(levels.get(&p.hs[..4]), Some(&"4"), "{}", p.hs);
    }
}

#[test]
fn listings_are_well_formed_and_average_ten() {
    let levels = hs_levels();
    let (n, mut listings, mut national, mut verified) = (20_000, 0, 0, 0);
    for i in 0..n {
        let p = producer(11, i);
        listings += p.listings.len();
        verified += usize::from(p.verified);
        // Latin script, as the form writes it: Turkmen and Uzbek letters (ä, ş, oʻ) stay.
        let cyrillic = p.name_latin.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
        assert!(!cyrillic && !p.name_latin.is_empty(), "{}", p.name_latin);
        assert!(p.legal_name.chars().count() <= 300 && p.address.len() <= 300);
        assert!(p.year_founded.is_none_or(|y| (1991..=2025).contains(&y)));
        let code = ["+7 ", "+996 ", "+992 ", "+993 ", "+998 "][country_index(p.country)];
        assert!(p.phone.as_ref().is_none_or(|ph| ph.starts_with(code)));
        let certs =
            p.certifications.iter().chain(p.listings.iter().flat_map(|l| &l.certifications));
        for c in certs {
            assert!(
                ["iso9001", "iso22000", "haccp", "halal", "organic", "gost", "other"]
                    .contains(&c.kind)
            );
            assert!(c.valid_until.is_none_or(|u| u > c.valid_from));
        }
        for l in &p.listings {
            assert!(levels.contains_key(l.hs_code) && matches!(l.hs_code.len(), 4 | 6));
            if let Some(nc) = &l.national_code {
                national += 1;
                assert!(nc.len() == 10 && l.hs_code.len() == 6 && nc.starts_with(l.hs_code));
                assert!(nc.bytes().all(|b| b.is_ascii_digit()));
            }
            assert!(l.capacity_unit.is_some() == l.capacity.is_some());
            assert!(l.export_markets.iter().all(|m| m.len() == 2 && *m != p.country));
        }
    }
    let average = listings as f64 / n as f64;
    assert!((9.7..10.3).contains(&average), "{average}");
    assert!((0.25..0.32).contains(&(national as f64 / listings as f64)));
    assert!((0.18..0.22).contains(&(verified as f64 / n as f64)));
}

/// The demo data is written as the forms would write it: a Latin name the company form would
/// suggest, and web addresses in plain ASCII.
#[test]
fn latin_names_as_the_form_suggests_them() {
    for i in 0..2_000 {
        let p = producer(1, i);
        assert_eq!(p.name_latin, transliterate_name(&p.legal_name), "{}", p.legal_name);
        if let Some(site) = &p.website {
            assert!(site.is_ascii(), "{site}");
        }
    }
}

#[test]
#[ignore = "timing: run with --release -- --ignored --nocapture"]
fn hundred_thousand_producers_fast() {
    let start = std::time::Instant::now();
    let listings: usize = (0..100_000).map(|i| producer(1, i).listings.len()).sum();
    let elapsed = start.elapsed();
    println!("100,000 producers, {listings} listings in {elapsed:?}");
    assert!(elapsed.as_secs_f64() < 3.0);
}

/// A register lists each product of a producer once: no two of its listings share a name.
#[test]
fn a_producers_listings_are_distinct_products() {
    let (mut listings, mut named_with_a_quality) = (0, 0);
    for i in 0..20_000 {
        let p = producer(5, i);
        let mut names = HashSet::new();
        for l in &p.listings {
            assert!(names.insert(l.product_name.as_str()), "{}: {}", p.legal_name, l.product_name);
            listings += 1;
            named_with_a_quality += usize::from(l.product_name.contains(", "));
        }
    }
    // Varied names, not one per product across the whole register.
    assert!(named_with_a_quality * 5 > listings, "{named_with_a_quality} of {listings}");
}
