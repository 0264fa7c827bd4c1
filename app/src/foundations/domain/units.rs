//! The fixed lists a producer chooses from on the forms.

/// Units for capacity and minimum order: the stored code and how it is written.
pub const UNITS: [(&str, &str); 12] = [
    ("t", "t"),
    ("kg", "kg"),
    ("l", "l"),
    ("m3", "m³"),
    ("m2", "m²"),
    ("m", "m"),
    ("pcs", "pcs"),
    ("pairs", "pairs"),
    ("sets", "sets"),
    ("head", "head"),
    ("kWh", "kWh"),
    ("MWh", "MWh"),
];

/// How a unit code is written ("m3" → "m³"); an unknown code as it is.
pub fn unit_label(code: &str) -> &str {
    UNITS.iter().find(|(c, _)| *c == code).map_or(code, |(_, label)| label)
}

/// Workforce size bands, as national statistics offices count them.
pub const WORKFORCE: [&str; 5] = ["1-9", "10-49", "50-249", "250-999", "1000+"];
