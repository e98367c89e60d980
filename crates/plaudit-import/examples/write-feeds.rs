//! Writes the benchmark's feeds to a directory, for `scripts/bench-import` to serve from a
//! plain file server: `rss.xml` and `atom.xml` of N entries each, as the fakes generate them.
//! Usage: cargo run --example write-feeds --features fake -- DIR [N]

use plaudit_import::fake::feeds::{atom, rss};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| ".".to_owned()));
    let entries = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("rss.xml"), rss(entries))?;
    std::fs::write(dir.join("atom.xml"), atom(entries))?;
    Ok(())
}
