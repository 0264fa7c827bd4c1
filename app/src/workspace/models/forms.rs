//! What the workspace's forms and the services that parse them agree on; here, outside the
//! server-only services, because the pages show them too.

/// The CSV import's documented columns, in template order: (CSV header, listing form field).
/// The import page lists the headers; the import service reads them.
pub const COLUMNS: [(&str, &str); 11] = [
    ("product_name", "product_name"),
    ("hs_code", "hs_code"),
    ("national_code", "national_code"),
    ("description", "description"),
    ("capacity", "capacity"),
    ("capacity_unit", "capacity_unit"),
    ("min_order", "min_order"),
    ("min_order_unit", "min_order_unit"),
    ("lead_time_days", "lead_time_days"),
    ("export_markets", "export_markets"),
    ("certifications", "cert"),
];

/// Certificate rows the company form offers beyond those already entered (no JavaScript needed);
/// the parser reads that many past the last.
pub const BLANK_CERT_ROWS: usize = 2;
