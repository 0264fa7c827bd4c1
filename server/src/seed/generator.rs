//! TEMPORARY stub until the real generator lands.
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
pub fn producer(seed: u64, index: u64) -> SeedProducer {
    let regions = ["KZ-39", "UZ-FA", "KG-O", "TJ-SU", "TM-M"];
    let c = (index % 5) as usize;
    SeedProducer {
        legal_name: format!("ТОО «Астык {index}»"),
        name_latin: format!("TOO Astyk {index}"),
        legal_form: "ТОО".into(),
        tax_id: format!("{:012}", 940140000385u64 + index * 0),
        country: &regions[c][..2],
        region: regions[c],
        city: "Костанай".into(),
        address: "ул. Абая 1".into(),
        website: None,
        phone: None,
        email: None,
        show_phone: false,
        show_email: false,
        year_founded: Some(2000 + (seed % 20) as i32),
        workforce: None,
        description: String::new(),
        verified: false,
        certifications: vec![],
        listings: vec![SeedListing {
            hs_code: "110100",
            national_code: None,
            product_name: "Мука".into(),
            description: String::new(),
            capacity: None,
            capacity_unit: None,
            min_order: None,
            min_order_unit: None,
            lead_time_days: None,
            export_markets: vec![],
            certifications: vec![],
        }],
    }
}
