//! The PostgreSQL variants of the integration tests are compiled as `#[ignore]`d, with the
//! reason shown, when `TEST_DATABASE_URL` is unset at build time: a skipped test must say
//! "ignored", never "ok".
fn main() {
    println!("cargo::rustc-check-cfg=cfg(postgres_tests)");
    println!("cargo::rerun-if-env-changed=TEST_DATABASE_URL");
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|url| !url.is_empty()) {
        println!("cargo::rustc-cfg=postgres_tests");
    }
}
