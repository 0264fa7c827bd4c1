//! Browser security headers: the Content-Security-Policy and its per-request script nonce,
//! nosniff, referrer and framing rules on every kind of response, `no-store` on signed-in pages
//! and on responses that set cookies, HSTS only behind HTTPS.

use crate::helpers::{Backend, TestApp, browser, operator_admin, site_root, spawn_app};
use crate::on_both_backends;
use crate::producers::PASSWORD;

/// The nonce named by a response's policy (`'nonce-…'` in script-src).
fn policy_nonce(response: &reqwest::Response) -> String {
    let csp = response.headers()["content-security-policy"].to_str().unwrap();
    let start = csp.find("'nonce-").unwrap_or_else(|| panic!("no nonce in {csp}")) + 7;
    let end = start + csp[start..].find('\'').unwrap();
    csp[start..end].to_owned()
}

/// The headers every response carries, whatever it is.
fn assert_common_headers(path: &str, response: &reqwest::Response) {
    let headers = response.headers();
    let header = |name: &str| {
        headers
            .get(name)
            .unwrap_or_else(|| panic!("{path}: no {name} ({})", response.status()))
            .to_str()
            .unwrap()
            .to_owned()
    };
    let csp = header("content-security-policy");
    let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
    for wanted in [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(directives.contains(&wanted), "{path}: {wanted} missing from {csp}");
    }
    let script_src = directives
        .iter()
        .find(|d| d.starts_with("script-src "))
        .unwrap_or_else(|| panic!("{path}: no script-src in {csp}"));
    assert!(!script_src.contains("unsafe-inline"), "{path}: {script_src}");
    assert!(!script_src.contains("'unsafe-eval'"), "{path}: {script_src}");
    assert!(script_src.contains("'nonce-"), "{path}: {script_src}");
    assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
    assert_eq!(header("referrer-policy"), "strict-origin-when-cross-origin", "{path}");
    assert_eq!(header("x-frame-options"), "DENY", "{path}");
    assert!(headers.get("strict-transport-security").is_none(), "{path}: HSTS over plain HTTP");
}

fn no_store(response: &reqwest::Response) -> bool {
    response.headers().get("cache-control").is_some_and(|v| v == "no-store")
}

/// Every `<script` element in a page carries the nonce of the response's policy.
fn assert_scripts_carry(path: &str, html: &str, nonce: &str) -> usize {
    let mut scripts = 0;
    for (at, _) in html.match_indices("<script") {
        let tag = &html[at..at + html[at..].find('>').unwrap()];
        assert!(tag.contains(&format!(r#"nonce="{nonce}""#)), "{path}: {tag} lacks nonce {nonce}");
        scripts += 1;
    }
    scripts
}

on_both_backends!(every_kind_of_response_carries_the_headers, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let asset_built = std::path::Path::new(&site_root()).join("pkg/registry.css").exists();
    let cases: &[(&str, u16)] = &[
        ("/", 200),
        ("/search?q=wheat", 200),
        ("/login", 200),
        ("/register", 200),
        ("/no-such-page", 404),
        ("/api/v1/listings", 200),
        ("/api/v1/no-such-thing", 404),
        ("/healthz", 200),
        ("/account", 303),
        // The stylesheet when the front end is built; the assets' own 404 otherwise.
        ("/pkg/registry.css", if asset_built { 200 } else { 404 }),
    ];
    for &(path, status) in cases {
        let response = app.get(path).await;
        assert_eq!(response.status(), status, "GET {path}");
        assert_common_headers(path, &response);
    }
    // A refused cross-site form post too.
    let refused = browser()
        .post(app.url("/login"))
        .header("origin", "https://elsewhere.example")
        .form(&[("email", "a@b.kz")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    assert_common_headers("POST /login (cross-site)", &refused);
});

on_both_backends!(the_nonce_is_fresh_and_on_every_script, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    for path in ["/", "/search?q=wheat", "/login", "/register", "/no-such-page"] {
        let first = app.get(path).await;
        let second = app.get(path).await;
        let (a, b) = (policy_nonce(&first), policy_nonce(&second));
        assert_ne!(a, b, "{path}: the same nonce twice");
        assert!(a.len() >= 16, "{path}: nonce {a} is too short");
        let html_a = first.text().await.unwrap();
        let html_b = second.text().await.unwrap();
        // At least the islands' hydration bootstrap.
        assert!(assert_scripts_carry(path, &html_a, &a) >= 1, "{path}: no script");
        assert!(assert_scripts_carry(path, &html_b, &b) >= 1, "{path}: no script");
    }
});

on_both_backends!(private_responses_are_not_stored, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    // A first visit sets the CSRF cookie: not for caches. The next one is an ordinary page.
    let visitor = browser();
    let first = app.get_with(&visitor, "/").await;
    assert!(first.headers().contains_key("set-cookie"));
    assert!(no_store(&first), "a response setting a cookie may be stored");
    let again = app.get_with(&visitor, "/").await;
    assert!(!again.headers().contains_key("set-cookie"));
    assert!(!no_store(&again), "a public page was marked no-store");

    // Signing up sets the session cookie; the dashboard is the producer's own.
    let producer = browser();
    let r = app
        .post_form(
            &producer,
            "/register",
            &[
                ("email", "headers@kostanay.kz"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("accept_terms", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(r.headers()["set-cookie"].to_str().unwrap().starts_with("sid="));
    assert!(no_store(&r), "the response setting the session cookie may be stored");
    for path in ["/account", "/account/password", "/account/company"] {
        let page = app.get_with(&producer, path).await;
        assert_eq!(page.status(), 200, "GET {path}");
        assert_common_headers(path, &page);
        assert!(no_store(&page), "{path} may be stored");
    }

    operator_admin(&app).await;
    let admin = browser();
    let r = app
        .post_form(
            &admin,
            "/login",
            &[("email", "operator@registry.example"), ("password", "Operator-of-the-registry-42")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(no_store(&r), "the sign-in response may be stored");
    for path in ["/admin", "/admin/users", "/admin/audit"] {
        let page = app.get_with(&admin, path).await;
        assert_eq!(page.status(), 200, "GET {path}");
        assert_common_headers(path, &page);
        assert!(no_store(&page), "{path} may be stored");
    }
    // The sign-in wall's redirect is private too.
    let wall = app.get("/admin/users").await;
    assert_eq!(wall.status(), 303);
    assert!(no_store(&wall));
});

on_both_backends!(hsts_only_behind_https, |backend: Backend| async move {
    let app: TestApp = spawn_app(backend).await;
    let plain = app.get("/").await;
    assert!(plain.headers().get("strict-transport-security").is_none());
    let forwarded_http =
        app.client.get(app.url("/")).header("x-forwarded-proto", "http").send().await.unwrap();
    assert!(forwarded_http.headers().get("strict-transport-security").is_none());
    for path in ["/", "/api/v1/listings", "/no-such-page"] {
        let https = app
            .client
            .get(app.url(path))
            .header("x-forwarded-proto", "https")
            .send()
            .await
            .unwrap();
        let hsts = https.headers()["strict-transport-security"].to_str().unwrap();
        assert!(hsts.starts_with("max-age=31536000"), "{path}: {hsts}");
    }
});
