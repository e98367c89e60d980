use std::process::ExitCode;

use clap::Parser;
use plaudit::cli::{self, Cli};

// glibc's allocator spends much of a bulk load consolidating freed chunks; mimalloc does not.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    // With transparent huge pages on "always" (as many distributions ship), each 2 MiB stretch
    // of mimalloc's arenas that is touched at all is resident whole: a third more memory for
    // the server and the importer alike, for no speed we could measure. Best effort: a kernel
    // without the setting keeps its default.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    cli::run(Cli::parse()).await
}
