//! Local servers on loopback that answer as the real sources do, from recorded answers, for
//! this crate's tests, the app's tests and the import benchmark. GitHub's is
//! `plaudit_github::fake`.

pub mod feeds;
pub mod sessionize;
pub mod stack_exchange;
