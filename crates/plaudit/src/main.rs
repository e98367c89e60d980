use std::process::ExitCode;

use clap::Parser;
use plaudit::cli::{self, Cli};

// glibc's allocator spends much of a bulk load consolidating freed chunks; mimalloc does not.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    cli::run(Cli::parse()).await
}
