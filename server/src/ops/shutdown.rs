//! Graceful shutdown with a deadline: on the signal the server stops accepting connections,
//! lets in-flight requests finish, and gives up on stragglers after the grace period.

use std::{future::Future, net::SocketAddr, time::Duration};

/// How long in-flight requests may take to finish after SIGTERM (or Ctrl-C).
pub const GRACE: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// Every connection finished within the grace period.
    Drained,
    /// The grace period ran out with requests still in flight; they were abandoned.
    DeadlineReached,
}

/// Serves `app` on `listener` until `signal` completes, then shuts down gracefully, waiting
/// at most `grace` for in-flight requests.
pub async fn serve_with_deadline(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    signal: impl Future<Output = ()> + Send + 'static,
    grace: Duration,
) -> std::io::Result<Stopped> {
    let (signalled_tx, mut signalled) = tokio::sync::watch::channel(false);
    let server = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async move {
            signal.await;
            tracing::info!(?grace, "shutting down: no new connections, finishing requests");
            let _ = signalled_tx.send(true);
        });
    let deadline = async move {
        if signalled.wait_for(|s| *s).await.is_err() {
            // The server ended without a signal: nothing to time.
            std::future::pending::<()>().await;
        }
        tokio::time::sleep(grace).await;
    };
    tokio::select! {
        served = server.into_future() => {
            served?;
            tracing::info!("all requests finished: stopped");
            Ok(Stopped::Drained)
        }
        () = deadline => {
            tracing::warn!(?grace, "requests still running after the grace period: stopping anyway");
            Ok(Stopped::DeadlineReached)
        }
    }
}

/// SIGTERM (what `docker stop`, systemd and Kubernetes send) or Ctrl-C.
pub async fn signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for SIGTERM: only Ctrl-C stops");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
