//! Pages in a real browser: headless Chromium driven over WebDriver by a chromedriver each test
//! starts for itself. Every page a test visits is checked with axe-core (vendored from npm in
//! `vendor/`), and screenshots land in `target/browser-screenshots/`, one always taken when a
//! test fails.
//!
//! Without chromium or chromedriver the tests are skipped with a message, unless
//! PLAUDIT_REQUIRE_BROWSER=1, when they fail. PLAUDIT_CHROMIUM names another browser binary.

mod accounts;
mod admin;
mod ama;
mod announcements;
mod audit;
mod benefits;
mod committee;
mod community;
mod cycles;
mod exports;
mod feedback;
mod import;
mod journey;
mod language;
mod profile;
mod program;
mod public;
mod rubric;
mod sources;
mod speaking;

use std::error::Error;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Once;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use futures_util::FutureExt;
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

use crate::helpers::Backend;

/// What a step in a browser test returns: WebDriver errors and failed checks alike.
pub type Step<T = ()> = Result<T, Box<dyn Error + Send + Sync>>;

const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";
const AXE: &str = include_str!("vendor/axe.min.js");
/// How long to wait for an element or a page before calling it missing.
const PATIENCE: Duration = Duration::from_secs(10);

/// A window size the tests look at pages in.
#[derive(Debug, Clone, Copy)]
pub enum Size {
    Desktop,
    Phone,
}

impl Size {
    fn pixels(self) -> (u32, u32) {
        match self {
            Size::Desktop => (1280, 900),
            Size::Phone => (390, 844),
        }
    }
}

/// One headless Chromium session with the chromedriver that drives it. Dropping it kills both.
pub struct Browser {
    client: Client,
    test: String,
    /// How much wider and taller the window is than the page area in it.
    frame: (u32, u32),
    _driver: Driver,
}

impl Browser {
    /// A desktop-sized browser for a test on `backend`, or None when no browser is installed
    /// and none is required. `test` is the test's name or `module_path!()` inside
    /// `on_both_backends!`; its last segment names the screenshots.
    pub async fn start(test: &str, backend: Backend) -> Option<Browser> {
        Browser::start_in(test, backend, "en").await
    }

    /// The same, asking for pages in `language` (its Accept-Language), as a reader set up
    /// for another language does.
    pub async fn start_in(test: &str, backend: Backend, language: &str) -> Option<Browser> {
        let test = test.rsplit("::").next().unwrap_or(test);
        Browser::launch(format!("{test}-{}", backend.name()), language).await
    }

    /// A desktop-sized browser whose screenshots are named `<test>-<name>.png`.
    async fn launch(test: String, language: &str) -> Option<Browser> {
        let chromium =
            std::env::var("PLAUDIT_CHROMIUM").unwrap_or_else(|_| DEFAULT_CHROMIUM.into());
        let chromedriver = match (Path::new(&chromium).is_file(), on_path("chromedriver")) {
            (true, Some(chromedriver)) => chromedriver,
            (false, Some(_)) => return skip(&chromium),
            (true, None) => return skip("chromedriver"),
            (false, None) => return skip(&format!("{chromium} and chromedriver")),
        };
        let driver = Driver::start(&chromedriver);
        let profile = driver.profile.path().display().to_string();
        let (width, height) = Size::Desktop.pixels();
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            // Only package registries are reachable here: without these Chromium keeps trying
            // Google's services and fills the log with refused connections.
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            &format!("--user-data-dir={profile}"),
            // A first size; `resize` then fits the page area itself to it.
            &format!("--window-size={width},{height}"),
            &format!("--accept-lang={language}"),
            &format!("--lang={language}"),
        ];
        let mut capabilities = fantoccini::wd::Capabilities::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium,
                "args": args,
                "prefs": { "intl.accept_languages": language },
            }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&driver.url())
            .await
            .expect("a Chromium session from chromedriver");
        // A failure screenshot left by an earlier run would pass for this one's.
        let _ = std::fs::remove_file(screenshot_dir().join(format!("{test}-failure.png")));
        // Even headless, Chromium's window keeps room for toolbars around the page. Measured
        // once at the desktop size: a window narrower than Chromium allows would skew it.
        let frame = "return [outerWidth - innerWidth, outerHeight - innerHeight];";
        let frame = client.execute(frame, vec![]).await.expect("the window's measurements");
        let extra = |i: usize| frame[i].as_u64().and_then(|n| u32::try_from(n).ok()).unwrap_or(0);
        let browser = Browser { client, test, frame: (extra(0), extra(1)), _driver: driver };
        browser.resize(Size::Desktop).await.expect("a desktop-sized window");
        Some(browser)
    }

    /// Runs a test's steps. When they fail, by an error or a panic, a screenshot of the page
    /// as it was is saved before the test fails; either way the browser is closed.
    pub async fn run(self, steps: impl AsyncFnOnce(&Browser) -> Step) {
        let outcome = AssertUnwindSafe(steps(&self)).catch_unwind().await;
        let failed = !matches!(outcome, Ok(Ok(())));
        if failed {
            match self.screenshot("failure").await {
                Ok(path) => eprintln!("screenshot of the failure: {}", path.display()),
                Err(e) => eprintln!("no screenshot of the failure: {e}"),
            }
        }
        let _ = self.client.clone().close().await;
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(error)) => panic!("{error}"),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }

    /// Makes the page area, not the window around it, `size`.
    pub async fn resize(&self, size: Size) -> Step {
        let (width, height) = size.pixels();
        let (frame_width, frame_height) = self.frame;
        self.client.set_window_size(width + frame_width, height + frame_height).await?;
        Ok(())
    }

    /// Signs in at `app` as `email`, with the password every test account has.
    pub async fn sign_in_as(&self, app: &crate::helpers::TestApp, email: &str) -> Step {
        self.open(&format!("{}/sign-in", app.address)).await?;
        self.fill("#email", email).await?;
        self.fill("#password", "correct horse battery").await?;
        self.submit("form[action='/sign-in'] button[type=submit]").await
    }

    /// Opens `url` and waits for the page to load.
    pub async fn open(&self, url: &str) -> Step {
        self.client.goto(url).await?;
        Ok(())
    }

    /// The path of the page shown, with its query.
    pub async fn path(&self) -> Step<String> {
        let url = self.client.current_url().await?;
        Ok(match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        })
    }

    /// The visible text of the first element matching the CSS `selector`, once there is one.
    pub async fn text(&self, selector: &str) -> Step<String> {
        Ok(self.find(selector).await?.text().await?)
    }

    /// What the input matching `selector` holds now.
    pub async fn value(&self, selector: &str) -> Step<String> {
        Ok(self.find(selector).await?.prop("value").await?.unwrap_or_default())
    }

    /// Types `text` into the input matching `selector`, replacing what it held.
    pub async fn fill(&self, selector: &str, text: &str) -> Step {
        let input = self.find(selector).await?;
        input.clear().await?;
        input.send_keys(text).await?;
        Ok(())
    }

    /// Chooses the file at `path` (absolute) in the file input matching `selector`, as a
    /// person picking it in the browser's dialog does.
    pub async fn attach(&self, selector: &str, path: &Path) -> Step {
        let path = path.to_str().ok_or("a file path in UTF-8")?;
        self.find(selector).await?.send_keys(path).await?;
        Ok(())
    }

    /// Sets the date input matching `selector` to `date` (YYYY-MM-DD), as a date picker does:
    /// typed keys would depend on the browser's locale.
    pub async fn fill_date(&self, selector: &str, date: &str) -> Step {
        let input = self.find(selector).await?;
        let element = serde_json::to_value(&input)?;
        self.client
            .execute("arguments[0].value = arguments[1];", vec![element, json!(date)])
            .await?;
        Ok(())
    }

    /// Runs `script` in the page and hands back what it returns.
    pub async fn eval(&self, script: &str) -> Step<Value> {
        Ok(self.client.execute(script, vec![]).await?)
    }

    /// Follows the first link matching the CSS `selector` and waits for its page.
    pub async fn follow_first(&self, selector: &str) -> Step {
        let link = self.find(selector).await?;
        self.navigating(link.click()).await
    }

    /// Chooses the option with `value` in the select list matching `selector`.
    pub async fn choose(&self, selector: &str, value: &str) -> Step {
        self.find(selector).await?.select_by_value(value).await?;
        Ok(())
    }

    /// Clicks the element matching `selector` (a checkbox, say) without leaving the page.
    pub async fn click(&self, selector: &str) -> Step {
        self.find(selector).await?.click().await?;
        Ok(())
    }

    /// Whether the checkbox or radio button matching `selector` is ticked.
    pub async fn is_checked(&self, selector: &str) -> Step<bool> {
        Ok(self.find(selector).await?.prop("checked").await?.is_some_and(|v| v == "true"))
    }

    /// Clicks the button matching `selector` and waits for the page it leads to.
    pub async fn submit(&self, selector: &str) -> Step {
        let button = self.find(selector).await?;
        self.navigating(button.click()).await
    }

    /// Follows the link whose text is exactly `text` and waits for the page it leads to.
    pub async fn follow(&self, text: &str) -> Step {
        let link = self.client.wait().at_most(PATIENCE).for_element(Locator::LinkText(text)).await;
        let link = link.map_err(|e| format!("no link {text:?}: {e}"))?;
        self.navigating(link.click()).await
    }

    /// Runs `action` and waits until a new page has replaced the one shown and has loaded.
    /// A page that answers a form with the same address and headings as before (a refused
    /// sign-in) would otherwise pass for the next one before it arrives.
    async fn navigating(
        &self,
        action: impl Future<Output = Result<(), fantoccini::error::CmdError>>,
    ) -> Step {
        self.client.execute("window.plauditLeaving = true;", vec![]).await?;
        action.await?;
        let deadline = Instant::now() + PATIENCE;
        loop {
            let state = self
                .client
                .execute("return window.plauditLeaving ? 'old' : document.readyState;", vec![])
                .await;
            // While the old document unloads the script may fail: keep waiting.
            if state.is_ok_and(|s| s == json!("complete")) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err("the page did not change".into());
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    async fn find(&self, selector: &str) -> Step<fantoccini::elements::Element> {
        let found = self.client.wait().at_most(PATIENCE).for_element(Locator::Css(selector)).await;
        found.map_err(|e| format!("nothing matches {selector}: {e}").into())
    }

    /// Saves what the window shows to `target/browser-screenshots/<test>-<name>.png`.
    pub async fn screenshot(&self, name: &str) -> Step<PathBuf> {
        let png = self.client.screenshot().await?;
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{}-{name}.png", self.test));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Runs axe-core's WCAG 2.2 AA rules on the page shown and fails, listing them, on
    /// violations whose impact is serious or critical.
    pub async fn check_accessibility(&self, page_name: &str) -> Step {
        // WebDriver scripts run outside the page's Content-Security-Policy, so axe goes in
        // without loosening `script-src 'self'` for the people using the site.
        let loaded = self.client.execute(&format!("{AXE}\nreturn typeof axe;"), vec![]).await?;
        if loaded != json!("object") {
            return Err(
                format!("axe-core did not load on {page_name}: typeof axe is {loaded}").into()
            );
        }
        let findings = self.client.execute_async(AXE_RUN, vec![]).await?;
        if let Some(error) = findings.get("error") {
            return Err(format!("axe-core failed on {page_name}: {error}").into());
        }
        let violations = findings.as_array().cloned().unwrap_or_default();
        let serious: Vec<String> = violations
            .iter()
            .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
            .map(|v| {
                let targets: Vec<&str> = v["targets"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                format!(
                    "  {} ({}): {} at {}",
                    v["id"].as_str().unwrap_or("?"),
                    v["impact"].as_str().unwrap_or("?"),
                    v["help"].as_str().unwrap_or("?"),
                    targets.join(", ")
                )
            })
            .collect();
        if serious.is_empty() {
            Ok(())
        } else {
            Err(format!("axe-core finds serious problems on {page_name}:\n{}", serious.join("\n"))
                .into())
        }
    }
}

/// Runs axe and hands back each violation with up to five of its elements, small enough to
/// print; the WCAG 2.0 to 2.2 A and AA rules only.
const AXE_RUN: &str = r#"
const done = arguments[arguments.length - 1];
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
axe.run(document, { runOnly: { type: 'tag', values: tags } })
  .then(results => done(results.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
  }))))
  .catch(e => done({ error: String(e) }));
"#;

/// Where screenshots go: `browser-screenshots/` in Cargo's target directory.
fn screenshot_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest.parent().and_then(Path::parent).unwrap_or(manifest);
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        // Cargo reads a relative target directory from where it runs; that is usually the
        // workspace root.
        Some(dir) => workspace.join(dir),
        None => workspace.join("target"),
    };
    target.join("browser-screenshots")
}

/// No browser to test in: says so once and skips, or fails when PLAUDIT_REQUIRE_BROWSER=1.
fn skip(missing: &str) -> Option<Browser> {
    let required = std::env::var("PLAUDIT_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    assert!(!required, "PLAUDIT_REQUIRE_BROWSER=1 but {missing} is not installed");
    static SKIP_MESSAGE: Once = Once::new();
    SKIP_MESSAGE.call_once(|| {
        // Written to stderr itself: the test harness captures eprintln!, in threads the test
        // spawns too, but not direct writes.
        let _ = writeln!(
            std::io::stderr(),
            "\nSKIPPING browser tests: {missing} not found (apt-get install chromium \
             chromium-driver, or PLAUDIT_REQUIRE_BROWSER=1 to fail)\n"
        );
    });
    None
}

fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|p| p.is_file())
}

/// A chromedriver on a free port of 127.0.0.1, in a process group of its own so that
/// dropping it ends the browser it started too, and the browser's fresh profile directory.
struct Driver {
    child: Child,
    port: u16,
    profile: tempfile::TempDir,
}

impl Driver {
    fn start(program: &Path) -> Driver {
        use std::os::unix::process::CommandExt;
        let profile = tempfile::tempdir().expect("a temporary profile directory");
        // Another process may take the free port before chromedriver does: then try again.
        for _ in 0..5 {
            let port = TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .expect("a free port")
                .port();
            let mut child = Command::new(program)
                .arg(format!("--port={port}"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .expect("chromedriver starts");
            let deadline = Instant::now() + PATIENCE;
            while Instant::now() < deadline {
                if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    return Driver { child, port, profile };
                }
                if child.try_wait().ok().flatten().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("chromedriver did not start listening");
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The whole group: chromedriver and every Chromium process it started.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The harness itself: the checks catch what they are for.
mod harness {
    use super::*;

    /// A page of its own, outside the application, with one problem axe rates critical.
    const IMAGE_WITHOUT_ALT: &str = "data:text/html,<!doctype html><html lang=en><title>Harness\
        </title><main><h1>Harness</h1><img src=missing.png width=40 height=40></main></html>";

    #[tokio::test]
    async fn the_accessibility_check_fails_on_an_image_without_a_text_alternative() {
        let Some(browser) = Browser::launch("harness-axe".into(), "en").await else { return };
        browser
            .run(async |page| {
                page.open(IMAGE_WITHOUT_ALT).await?;
                let found = page.check_accessibility("a page with a bare image").await;
                let message = found.expect_err("axe reports the image").to_string();
                assert!(
                    message.contains("image-alt (critical)") && message.contains("img"),
                    "{message}"
                );
                Ok(())
            })
            .await;
    }

    #[tokio::test]
    async fn a_failing_browser_test_saves_a_screenshot_of_the_page() {
        let Some(browser) = Browser::launch("harness-failing".into(), "en").await else { return };
        let screenshot = screenshot_dir().join("harness-failing-failure.png");
        let _ = std::fs::remove_file(&screenshot);
        let failed = AssertUnwindSafe(browser.run(async |page| {
            page.open(IMAGE_WITHOUT_ALT).await?;
            Err("a step that fails".into())
        }))
        .catch_unwind()
        .await;
        assert!(failed.is_err(), "the test fails");
        let png = std::fs::read(&screenshot).expect("a screenshot of the failure");
        assert!(png.starts_with(b"\x89PNG"), "a PNG image");
    }
}
