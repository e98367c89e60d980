//! Local servers on loopback that answer as the real sources do, from recorded answers, for
//! this crate's tests, the app's tests and the import benchmark. GitHub's is
//! `plaudit_github::fake`.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::task::JoinHandle;

pub mod feeds;
pub mod sessionize;
pub mod stack_exchange;

/// A fake's state, behind a lock that a failed assertion in one handler does not poison for
/// the requests after it.
pub(crate) struct Shared<T> {
    state: Mutex<T>,
}

impl<T> Shared<T> {
    pub(crate) fn new(state: T) -> Arc<Self> {
        Arc::new(Shared { state: Mutex::new(state) })
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, T> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A fake's server on `127.0.0.1`, stopped when dropped.
pub(crate) struct Listening {
    pub(crate) addr: SocketAddr,
    /// `http://127.0.0.1:port`, what tests put in [`crate::Endpoints`].
    pub(crate) root: String,
    task: JoinHandle<()>,
}

impl Listening {
    /// Serves `app` on a free port; `name` says whose server stopped, should it.
    pub(crate) async fn start(name: &'static str, app: axum::Router) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let task = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                tracing::error!(%error, "the fake {name} stopped");
            }
        });
        Ok(Listening { addr, root: format!("http://{addr}"), task })
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        self.task.abort();
    }
}
