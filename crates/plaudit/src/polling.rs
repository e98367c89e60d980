//! The loop every background worker (the mail sender, the job runner) runs: one pass, then a
//! pause (none after a full batch, since more may be due), until shutdown; a pass in flight
//! at shutdown is told to stop and finishes what it started.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use plaudit_store::StoreError;

/// A worker's one pass over its queue.
pub trait Pass: Sync {
    /// Handles one batch; true when it was full (more may be due). `stopping` turns true once
    /// shutdown has begun: finish what was started, start nothing new.
    fn pass(&self, stopping: &AtomicBool) -> impl Future<Output = Result<bool, StoreError>> + Send;
}

/// Runs `worker`'s passes until `shutdown` resolves, pausing `poll` after a pass that was not
/// full.
pub async fn run_passes(
    name: &'static str,
    poll: Duration,
    shutdown: impl Future<Output = ()>,
    worker: &impl Pass,
) {
    let worker_name = name;
    let mut shutdown = std::pin::pin!(shutdown);
    let stopping = AtomicBool::new(false);
    tracing::info!(worker = worker_name, poll_ms = poll.as_millis(), "background worker started");
    loop {
        let result = {
            let current = worker.pass(&stopping);
            let mut current = std::pin::pin!(current);
            tokio::select! {
                result = &mut current => result,
                () = &mut shutdown => {
                    stopping.store(true, Ordering::Relaxed);
                    let _ = current.await;
                    break;
                }
            }
        };
        let pause = match result {
            Ok(true) => Duration::ZERO,
            Ok(false) => poll,
            Err(e) => {
                tracing::error!(worker = worker_name, error = %e, "cannot read the queue; trying again");
                poll
            }
        };
        tokio::select! {
            () = &mut shutdown => break,
            () = tokio::time::sleep(pause) => {}
        }
    }
    tracing::info!(worker = worker_name, "background worker stopped");
}
