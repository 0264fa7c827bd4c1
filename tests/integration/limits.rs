//! Rate limits held in the database, shared by every instance serving it, and the client
//! address they count by (`TRUSTED_PROXIES` decides when forwarding headers are believed).

use crate::helpers::{Backend, TestApp, browser, serve_instance, spawn_app_configured};
use crate::on_both_backends;
use app::foundations::{
    auth::{AuthConfig, Limit},
    net::TrustedProxies,
};
use std::time::Duration;

fn per_minute(max: u32) -> Limit {
    Limit { max, window: Duration::from_secs(60) }
}

fn header(r: &reqwest::Response, name: &str) -> String {
    r.headers().get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

async fn api_from(app: &TestApp, forwarded_for: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(app.url("/api/v1/regions?country=KZ"));
    if let Some(ip) = forwarded_for {
        request = request.header("x-forwarded-for", ip);
    }
    request.send().await.expect("request reaches the test server")
}

on_both_backends!(
    two_instances_on_one_database_share_the_api_and_sign_in_counts,
    |backend: Backend| async move {
        let auth = AuthConfig {
            api_per_ip: per_minute(5),
            login_per_account: Limit { max: 2, window: Duration::from_secs(600) },
            ..Default::default()
        };
        let a = spawn_app_configured(backend, auth.clone()).await;
        let (b_addr, _) = serve_instance(a.db.clone(), auth).await;
        let b = |path: &str| format!("http://{b_addr}{path}");
        let client = browser();
        let mut remaining = Vec::new();
        for (i, url) in [
            a.url("/api/v1/hs"),
            a.url("/api/v1/hs"),
            b("/api/v1/hs"),
            a.url("/api/v1/hs"),
            b("/api/v1/hs"),
        ]
        .into_iter()
        .enumerate()
        {
            let r = client.get(url).send().await.unwrap();
            assert_eq!(r.status(), 200, "request {i} is within the shared limit");
            assert_eq!(header(&r, "ratelimit-limit"), "5");
            remaining.push(header(&r, "ratelimit-remaining"));
        }
        assert_eq!(remaining, ["4", "3", "2", "1", "0"], "one count across both instances");
        for url in [a.url("/api/v1/hs"), b("/api/v1/hs")] {
            let r = client.get(url).send().await.unwrap();
            assert_eq!(r.status(), 429);
            let wait: u64 = header(&r, "retry-after").parse().expect("Retry-After in seconds");
            assert!((1..=60).contains(&wait), "{wait}");
            assert_eq!(header(&r, "ratelimit-remaining"), "0");
            assert_eq!(header(&r, "ratelimit-reset"), wait.to_string());
            let body: serde_json::Value = r.json().await.unwrap();
            assert!(body["error"].as_str().unwrap().contains("too many requests"), "{body}");
        }
        // Sign-in attempts on one account, alternating instances: the third is refused.
        let wrong = [("email", "who@example.kz"), ("password", "not-the-password-1")];
        let origin_a = a.origin();
        let origin_b = format!("http://{b_addr}");
        for (url, origin, expected) in [
            (a.url("/login"), &origin_a, 401),
            (b("/login"), &origin_b, 401),
            (a.url("/login"), &origin_a, 429),
        ] {
            let r = client.post(url).header("origin", origin).form(&wrong).send().await.unwrap();
            assert_eq!(r.status(), expected);
            if expected == 429 {
                assert!(!header(&r, "retry-after").is_empty());
                assert_eq!(header(&r, "ratelimit-limit"), "2");
            }
        }
    }
);

on_both_backends!(counters_of_ended_windows_are_purged, |backend: Backend| async move {
    let app = spawn_app_configured(backend, AuthConfig::default()).await;
    let client = browser();
    let r = app
        .post_form(&client, "/login", &[("email", "a@example.kz"), ("password", "wrong-one-1")])
        .await;
    assert_eq!(r.status(), 401);
    assert_eq!(api_from(&app, None).await.status(), 200);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM rate_limit").await, 3, "ip, account, api");
    // Past the sign-in windows (10 minutes): the next window that starts clears them.
    app.clock.advance(Duration::from_secs(11 * 60));
    assert_eq!(api_from(&app, None).await.status(), 200);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM rate_limit").await, 1, "only the API's");
});

on_both_backends!(
    a_spoofed_forwarded_for_from_an_untrusted_peer_does_not_change_the_bucket,
    |backend: Backend| async move {
        // Tests connect from 127.0.0.1, which is not in this list.
        let auth = AuthConfig {
            api_per_ip: per_minute(2),
            trusted_proxies: TrustedProxies::parse("10.0.0.0/8").unwrap(),
            ..Default::default()
        };
        let app = spawn_app_configured(backend, auth).await;
        for (ip, expected) in [("203.0.113.1", 200), ("203.0.113.2", 200), ("203.0.113.3", 429)] {
            assert_eq!(api_from(&app, Some(ip)).await.status(), expected, "as {ip}");
        }
        assert_eq!(
            app.count("SELECT COUNT(*) AS n FROM rate_limit WHERE subject = '127.0.0.1'").await,
            1
        );
    }
);

on_both_backends!(a_trusted_proxy_forwarded_address_is_the_bucket, |backend: Backend| async move {
    let auth = AuthConfig {
        api_per_ip: per_minute(2),
        trusted_proxies: TrustedProxies::parse("127.0.0.1/32, ::1").unwrap(),
        ..Default::default()
    };
    let app = spawn_app_configured(backend, auth).await;
    // The client is the rightmost hop the proxy did not add; what it forged to the left
    // does not matter.
    for (chain, expected) in [
        ("203.0.113.1", 200),
        ("6.6.6.6, 203.0.113.1", 200),
        ("7.7.7.7, 203.0.113.1", 429),
        ("203.0.113.2", 200),
    ] {
        assert_eq!(api_from(&app, Some(chain)).await.status(), expected, "via {chain}");
    }
    // No header: the proxy's own address.
    assert_eq!(api_from(&app, None).await.status(), 200);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM rate_limit \
                 WHERE subject IN ('203.0.113.1', '203.0.113.2', '127.0.0.1')"
        )
        .await,
        3
    );
});
