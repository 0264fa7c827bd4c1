//! Deterministic synthetic producers for the five Central Asian countries.
//!
//! Every producer is a pure function of `(seed, index)`: batches can be generated in any order
//! or in parallel and still agree. Nothing here needs a crate: a SplitMix64 stream per producer
//! and small hand-written tables are enough for plausible demo data.

mod data;
mod rng;
mod tax_ids;
#[cfg(test)]
mod tests;

use app::foundations::domain::{to_latin, transliterate_name, units::WORKFORCE};
use data::*;
use rng::*;
use tax_ids::*;

#[derive(Debug, Clone, PartialEq)]
pub struct SeedProducer {
    pub legal_name: String,
    pub name_latin: String,
    pub legal_form: String,
    pub tax_id: String,
    pub country: &'static str,
    pub region: &'static str,
    pub city: String,
    pub address: String,
    pub website: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub show_phone: bool,
    pub show_email: bool,
    pub year_founded: Option<i32>,
    pub workforce: Option<&'static str>,
    pub description: String,
    pub verified: bool,
    pub certifications: Vec<SeedCert>,
    pub listings: Vec<SeedListing>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeedCert {
    pub kind: &'static str,
    pub issuer: String,
    pub number: String,
    pub valid_from: (i32, u32, u32),
    pub valid_until: Option<(i32, u32, u32)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeedListing {
    pub hs_code: &'static str,
    pub national_code: Option<String>,
    pub product_name: String,
    pub description: String,
    pub capacity: Option<f64>,
    pub capacity_unit: Option<&'static str>,
    pub min_order: Option<f64>,
    pub min_order_unit: Option<&'static str>,
    pub lead_time_days: Option<i32>,
    pub export_markets: Vec<&'static str>,
    pub certifications: Vec<SeedCert>,
}

/// The first draws of every producer; split out so tests can check ids without the rest.
fn region_and_tax_id(
    rng: &mut Rng,
    seed: u64,
    index: u64,
) -> (&'static Region, (String, Option<i32>)) {
    // The first 432 producers walk through every region, so small seeds still cover the map.
    let region = if index < REGIONS.len() as u64 * 8 {
        &REGIONS[(index % REGIONS.len() as u64) as usize]
    } else {
        &REGIONS[weighted(rng, REGIONS.iter().map(|r| r.4))]
    };
    (region, tax_id(region.1, seed, index, rng))
}

/// Deterministic: same (seed, index) → same producer, independent of other indices.
pub fn producer(seed: u64, index: u64) -> SeedProducer {
    let mut rng = Rng::new(seed, index);
    let (region, (tax_id, registered)) = region_and_tax_id(&mut rng, seed, index);
    let (code, country, city, place, _, specialities) = *region;
    let ci = country_index(country);

    // One to three trades, mostly the region's own, all in one sector (food, light or heavy
    // industry): a dairy that also sells crude oil would look odd.
    let main = if rng.chance(75) { *rng.pick(specialities) } else { *rng.pick(COMMON) };
    let sector = |g: G| GROUPS[g as usize].flags & (FOOD | INDUSTRY);
    let mut groups = vec![main];
    for (percent, pool) in [(50, specialities), (20, COMMON)] {
        let g = *rng.pick(pool);
        if rng.chance(percent) && !groups.contains(&g) && sector(g) == sector(main) {
            groups.push(g);
        }
    }
    let agri = GROUPS[main as usize].flags & AGRI != 0;

    // Legal form: farms only for agricultural producers, else the country's usual company.
    let forms = FORMS[ci];
    let mut form = forms[weighted(&mut rng, forms.iter().map(|f| f.3))];
    if form.4 == Kind::Farm && !agri {
        form = forms[0];
    }
    let (abbr, written, prefix, _, kind, personal) = form;

    let words: &[&str] = match country {
        "UZ" => GROUPS[main as usize].uzw,
        "TM" => GROUPS[main as usize].tkw,
        _ => GROUPS[main as usize].cyr,
    };
    let local = *rng.pick(NAME_WORDS[ci]);
    let core = if personal && (kind != Kind::Farm || rng.chance(60)) {
        // Family name and initials, as sole traders and farms are registered.
        let family = *rng.pick(FAMILY_NAMES[ci]);
        let letters: Vec<char> =
            if ci >= 3 { "ABDEGIKMNORSTUXY" } else { "АБГДЕЖЗИКЛМНОРСТУШЭ" }.chars().collect();
        format!("{family} {}.{}.", rng.pick(&letters), rng.pick(&letters))
    } else {
        let name = match rng.below(10) {
            0..=2 => format!("{place} {}", rng.pick(words)),
            3..=5 => format!("{local} {}", rng.pick(words)),
            6 => format!("{local} {} {}", rng.pick(words), rng.pick(SUFFIXES[ci])),
            7..=8 => format!("{local} {}", rng.pick(SUFFIXES[ci])),
            _ => format!("{place} {}", rng.pick(SUFFIXES[ci])),
        };
        if rng.chance(25) { format!("{} {name}", rng.pick(LEADS[ci])) } else { name }
    };
    let legal_name =
        if prefix { format!("{written} «{core}»") } else { format!("«{core}» {written}") };
    // As the company form suggests it when the field is left empty.
    let name_latin = transliterate_name(&legal_name);

    let year_founded = rng
        .chance(92)
        .then(|| registered.unwrap_or_else(|| 1991 + rng.below(35).max(rng.below(35)) as i32));

    let lang = match country {
        "TM" if rng.chance(60) => Lang::En,
        "UZ" if abbr != "ООО" && rng.chance(75) => Lang::Uz,
        _ => Lang::Ru,
    };

    let street = *rng.pick(STREETS[ci]);
    let number = rng.range(1, 250);
    let address = match country {
        "UZ" => format!("{street}, {number}-uy"),
        "TJ" => format!("{street} {number}"),
        _ => format!("{street}, {number}"),
    };

    let phone = rng.chance(85).then(|| phone(ci, &mut rng));
    // Owners' initials make poor domain names: sole traders and farms use the family name.
    let slug =
        slug(&to_latin(if personal { core.split(' ').next().unwrap_or(&core) } else { &core }));
    let tld = ["kz", "kg", "tj", "tm", "uz"][ci];
    let corporate = matches!(kind, Kind::Company | Kind::Jsc);
    let website = rng.chance(if corporate { 40 } else { 5 }).then(|| {
        let www = if rng.chance(50) { "www." } else { "" };
        format!("https://{www}{slug}.{tld}")
    });
    let email = rng.chance(75).then(|| match &website {
        Some(_) => format!("{}@{slug}.{tld}", rng.pick(&["info", "sales", "office", "export"])),
        None => {
            let host = rng.pick(&["gmail.com", "mail.ru", "inbox.ru", "yandex.ru"]);
            format!("{}{}@{host}", slug.replace('-', "."), rng.range(1, 99))
        }
    });
    let show_phone = phone.is_some() && rng.chance(70);
    let show_email = email.is_some() && rng.chance(60);

    let weights: [u32; 5] = match kind {
        Kind::Sole | Kind::Farm => [60, 35, 5, 0, 0],
        Kind::Company => [20, 40, 28, 9, 3],
        Kind::Jsc => [0, 5, 30, 40, 25],
    };
    let workforce = rng.chance(90).then(|| WORKFORCE[weighted(&mut rng, weights.into_iter())]);

    let description = producer_description(&mut rng, lang, &groups, city, ci, year_founded);
    let verified = rng.chance(20);

    let since = year_founded.unwrap_or(1991);
    let certifications = if rng.chance(40) {
        let pool = cert_kinds(GROUPS[main as usize].flags, country);
        let n = (rng.range(1, 3) as usize).min(pool.len());
        let start = rng.below(pool.len() as u64) as usize;
        (0..n).map(|i| cert(&mut rng, pool[(start + i) % pool.len()], ci, since)).collect()
    } else {
        Vec::new()
    };

    // Uniform 1..=19: ten listings on average.
    let count = rng.range(1, 19);
    // Turkmen and Uzbek cities are already Latin; keep their letters.
    let cyrillic = city.chars().any(|c| ('\u{400}'..='\u{52f}').contains(&c));
    let city_latin = if cyrillic { transliterate_name(city) } else { city.to_string() };
    // A register lists each product once: a producer's second listing of a product is another
    // grade or packing of it, not the same line again.
    let mut listed = Listed::default();
    let listings = (0..count)
        .map(|_| listing(&mut rng, &groups, &mut listed, ci, lang, [city, &city_latin], since))
        .collect();

    SeedProducer {
        legal_name,
        name_latin,
        legal_form: abbr.to_string(),
        tax_id,
        country,
        region: code,
        city: city.to_string(),
        address,
        website,
        phone,
        email,
        show_phone,
        show_email,
        year_founded,
        workforce,
        description,
        verified,
        certifications,
        listings,
    }
}

/// What a producer has listed so far: products (by English name) and the names used.
#[derive(Default)]
struct Listed {
    products: Vec<&'static str>,
    names: std::collections::HashSet<String>,
}

fn listing(
    rng: &mut Rng,
    groups: &[G],
    listed: &mut Listed,
    ci: usize,
    lang: Lang,
    [city, city_latin]: [&str; 2],
    since: i32,
) -> SeedListing {
    let g = if rng.chance(60) { groups[0] } else { *rng.pick(groups) };
    let group = &GROUPS[g as usize];
    // A few draws for a product this producer has not listed yet, then a variant of one it has.
    let mut prod = rng.pick(group.products);
    for _ in 0..4 {
        if !listed.products.contains(&prod.en) {
            break;
        }
        let g = *rng.pick(groups);
        prod = rng.pick(GROUPS[g as usize].products);
    }
    let repeat = listed.products.contains(&prod.en);
    listed.products.push(prod.en);
    // Some sellers only know the heading: use the 4-digit parent, which always exists.
    let hs_code = if rng.chance(6) { prod.hs.get(..4).unwrap_or(prod.hs) } else { prod.hs };
    let national_code = (hs_code.len() == 6 && rng.chance(30)).then(|| {
        let tail = if rng.chance(50) { 0 } else { rng.below(100) * 100 };
        format!("{hs_code}{tail:04}")
    });
    let lang = if rng.chance(15) { Lang::En } else { lang };
    let base = match lang {
        Lang::Ru => prod.ru,
        Lang::En => prod.en,
        Lang::Uz => prod.uz,
    };
    // A first listing names its quality now and then, as sellers do; a repeat always does, the
    // first one not yet taken (then numbered).
    let grades = GRADES[lang as usize];
    let named = |k: usize| match (k, grades.get(k.wrapping_sub(1))) {
        (0, _) => base.to_string(),
        (_, Some(grade)) => format!("{base}, {grade}"),
        (k, None) => format!("{base} ({k})"),
    };
    let first =
        if repeat || rng.chance(35) { 1 + rng.below(grades.len() as u64) as usize } else { 0 };
    let mut k = first;
    while listed.names.contains(&named(k)) {
        k = if k == 0 { 1 } else { k + 1 };
    }
    let product_name = named(k);
    listed.names.insert(product_name.clone());

    let ph = &PHRASES[lang as usize];
    // English text gets the city in Latin letters too.
    let city = if lang == Lang::En { city_latin } else { city };
    let (made_in, country, pack) = (ph.made_in, ph.countries[ci], rng.pick(ph.packs));
    let mut description = String::with_capacity(product_name.len() + 160);
    for part in [product_name.as_str(), ". ", made_in, city, ", ", country, ". ", pack, "."] {
        description.push_str(part);
    }
    if rng.chance(50) {
        for part in [ph.terms, *rng.pick(&["FCA", "DAP", "EXW", "CPT", "FOB"]), "."] {
            description.push_str(part);
        }
    }

    let capacity = rng.chance(80).then(|| round_nice(prod.cap * (0.05 + 5.0 * rng.unit().powi(2))));
    let min_order = rng.chance(65).then(|| {
        let base = capacity.unwrap_or(prod.cap);
        round_nice(base * (0.002 + 0.05 * rng.unit()))
    });
    let lead_time_days =
        rng.chance(75).then(|| *rng.pick(&[3, 5, 7, 10, 14, 15, 20, 21, 30, 45, 60]));

    let markets = MARKETS[ci];
    let wanted = *rng.pick(&[0, 0, 1, 1, 2, 2, 3, 4]);
    let mut export_markets = Vec::with_capacity(wanted);
    for _ in 0..wanted * 3 {
        let m = markets[rng.front_biased(markets.len())];
        if export_markets.len() < wanted && !export_markets.contains(&m) {
            export_markets.push(m);
        }
    }

    let certifications = if rng.chance(8) {
        let kind = *rng.pick(cert_kinds(group.flags, COUNTRIES[ci]));
        vec![cert(rng, kind, ci, since)]
    } else {
        Vec::new()
    };

    SeedListing {
        hs_code,
        national_code,
        product_name,
        description,
        capacity,
        capacity_unit: capacity.map(|_| prod.unit),
        min_order,
        min_order_unit: min_order.map(|_| prod.unit),
        lead_time_days,
        export_markets,
        certifications,
    }
}

fn producer_description(
    rng: &mut Rng,
    lang: Lang,
    groups: &[G],
    city: &str,
    ci: usize,
    founded: Option<i32>,
) -> String {
    let ph = &PHRASES[lang as usize];
    let field = |g: &G| {
        let g = &GROUPS[*g as usize];
        [g.ru, g.en, g.uz][lang as usize]
    };
    let trades = groups.iter().map(field).collect::<Vec<_>>().join(", ");
    let mut text = format!("{}{trades}{}{city}, {}.", rng.pick(ph.lead), ph.mid, ph.countries[ci]);
    // Uzbek puts the trade first: capitalise it.
    if let Some(first) = text.get(..1).filter(|f| f.is_ascii()) {
        text.replace_range(..1, &first.to_ascii_uppercase());
    }
    if let Some(year) = founded {
        text.push_str(&format!("{}{year}{}", ph.since.0, ph.since.1));
    }
    if rng.chance(60) {
        text.push(' ');
        text.push_str(rng.pick::<&str>(ph.extras));
    }
    text
}

/// Mobile and city codes per country; national numbers have 10 (KZ), 9 (KG, TJ, UZ) or 8 (TM)
/// digits.
#[rustfmt::skip]
const PHONE_CODES: [&[&str]; 5] = [
    &["+7 701", "+7 705", "+7 707", "+7 747", "+7 775", "+7 777"],
    &["+996 555", "+996 700", "+996 770", "+996 550", "+996 312"],
    &["+992 90", "+992 91", "+992 92", "+992 93", "+992 98"],
    &["+993 61", "+993 62", "+993 63", "+993 65", "+993 12"],
    &["+998 90", "+998 91", "+998 93", "+998 94", "+998 97", "+998 99"],
];

fn phone(ci: usize, rng: &mut Rng) -> String {
    let code = rng.pick(PHONE_CODES[ci]);
    let (a, b, c) = (rng.below(1000), rng.below(100), rng.below(100));
    match ci {
        1 => format!("{code} {a:03} {:03}", rng.below(1000)),
        3 => format!("{code} {:02} {b:02} {c:02}", a % 100),
        _ => format!("{code} {a:03} {b:02} {c:02}"),
    }
}

/// Lower-case ASCII words joined by hyphens, for domains and mailboxes.
fn slug(latin: &str) -> String {
    let words: Vec<String> = latin
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() { "company".to_string() } else { words.join("-") }
}

// ---------------------------------------------------------------------------------------------
// Certifications

fn cert_kinds(flags: u8, country: &str) -> &'static [&'static str] {
    if flags & ORGANIC != 0 {
        &["organic", "haccp", "halal", "iso22000"]
    } else if flags & FOOD != 0 {
        &["halal", "haccp", "iso22000", "iso9001"]
    } else if flags & INDUSTRY != 0 && country == "KZ" {
        &["gost", "iso9001", "other"]
    } else {
        &["iso9001", "other"]
    }
}

const HALAL: [&str; 5] = [
    "Центр «Халал Стандарт» ДУМК",
    "Центр стандартизации «Халал» ДУМК",
    "Маркази «Ҳалол»",
    "Halal Certification Centre",
    "Halol sertifikatlash markazi",
];
const NATIONAL: [&str; 5] =
    ["РГП «КазСтандарт»", "Кыргызстандарт", "Таджикстандарт", "Türkmenstandartlary", "O‘zstandart"];

fn cert(rng: &mut Rng, kind: &'static str, ci: usize, since: i32) -> SeedCert {
    let issuer = match kind {
        "iso9001" => *rng.pick(&["TÜV Rheinland", "Bureau Veritas", "SGS", "DQS", "TÜV SÜD"]),
        "iso22000" => *rng.pick(&["SGS", "Bureau Veritas", "TÜV SÜD", "DNV"]),
        "haccp" => *rng.pick(&["SGS", "Intertek", "Bureau Veritas", NATIONAL[ci]]),
        "halal" => HALAL[ci],
        "organic" => *rng.pick(&["Ecocert", "Control Union", "Kiwa BCS", "CERES"]),
        _ => NATIONAL[ci],
    };
    let year = rng.range(2019, 2025).max(since).min(2025);
    let (month, day) = (rng.range(1, 12) as u32, rng.range(1, 28) as u32);
    let serial = rng.below(100_000);
    let cc = COUNTRIES[ci];
    let number = match kind {
        "gost" => format!("ЕАЭС KZ {:07}.{:02}.01.{serial:05}", rng.below(10_000_000), year % 100),
        "iso9001" => format!("QMS-{cc}-{year}-{serial:05}"),
        "iso22000" => format!("FSMS-{cc}-{year}-{serial:05}"),
        "haccp" => format!("HACCP-{cc}-{year}-{serial:05}"),
        "halal" => format!("HAL-{cc}-{year}-{serial:05}"),
        "organic" => format!("ORG-{cc}-{year}-{serial:05}"),
        _ => format!("{cc}.{year}.{serial:05}"),
    };
    // Halal and organic certificates are renewed yearly or every two years, the rest every three.
    let term = if matches!(kind, "halal" | "organic") { rng.range(1, 2) } else { 3 };
    let valid_until = rng.chance(85).then_some((year + term, month, day));
    SeedCert {
        kind,
        issuer: issuer.to_string(),
        number,
        valid_from: (year, month, day),
        valid_until,
    }
}
