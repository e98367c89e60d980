//! Blog posts built by the real site generators: a minimal Hugo site and a minimal Jekyll site,
//! made in a temporary folder with layouts written here (no theme, no module, no network), must
//! show each post's title and its date with the offset, and leave drafts out.
//!
//! `hugo`, `jekyll` and `ruby` come from the system. When one is missing its test says so and
//! passes, unless `PLAUDIT_REQUIRE_SITE_BUILDERS=1`, when it fails.
//!
//! The site-building functions are public: the AMA export test builds the posts `plaudit export
//! ama` writes with them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use jiff::Timestamp;
use jiff::tz::TimeZone;
use plaudit_domain::ama::blog_post::BlogPost;

// ---------------------------------------------------------------- site building

/// A folder of its own under the system's temporary folder, removed when dropped unless a test
/// failed (then its path is printed, to look at the site).
pub struct TempSite {
    pub path: PathBuf,
}

impl TempSite {
    pub fn new(label: &str) -> TempSite {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let unique = format!(
            "plaudit-{label}-{}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed),
            Timestamp::now().as_nanosecond()
        );
        let path = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&path).unwrap();
        TempSite { path }
    }
}

impl Drop for TempSite {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("site kept for a look: {}", self.path.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Whether `program` runs at all: `program version_argument` succeeds (Hugo takes `version`,
/// Ruby and Jekyll `--version`).
pub fn builder_available(program: &str, version_argument: &str) -> bool {
    Command::new(program)
        .arg(version_argument)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether a missing builder fails the test rather than skipping it.
pub fn builders_required() -> bool {
    std::env::var("PLAUDIT_REQUIRE_SITE_BUILDERS").is_ok_and(|v| v == "1")
}

/// False, with a word on standard error, when `program` is missing and may be; a failure
/// when it must be there.
pub fn require_builder(program: &str, version_argument: &str) -> bool {
    if builder_available(program, version_argument) {
        return true;
    }
    assert!(!builders_required(), "{program} is missing and PLAUDIT_REQUIRE_SITE_BUILDERS=1");
    // Straight to stderr, past the test harness's capture, so a skip is seen even when it passes.
    let _ = writeln!(std::io::stderr(), "skipped: {program} is not installed");
    false
}

/// The layout line both sites render for a post: title, date with offset, tags, question.
const RENDERED: &str = r#"<h1 class="title">TITLE</h1>
<p class="date">DATE</p>
<p class="tags">TAGS</p>
<p class="question">QUESTION</p>
"#;

/// A Hugo site in `dir` holding `posts` (file name, file) in `content/posts/`. Nothing is fetched:
/// no theme, no module; taxonomies stay on so tags get pages of their own.
pub fn write_hugo_site(dir: &Path, posts: &[(String, String)]) {
    write(
        &dir.join("config.toml"),
        "baseURL = \"http://example.org/\"\ntitle = \"AMA\"\ndisableKinds = [\"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n",
    );
    let single = RENDERED
        .replace("TITLE", "{{ .Title }}")
        .replace("DATE", r#"{{ .Date.Format "2006-01-02 15:04:05 -07:00" }}"#)
        .replace("TAGS", r#"{{ with .Params.tags }}{{ delimit . "|" }}{{ end }}"#)
        .replace("QUESTION", "{{ .Params.ama_question_url }}");
    write(&dir.join("layouts/_default/single.html"), &format!("{{{{ .Content }}}}\n{single}"));
    write(
        &dir.join("layouts/_default/list.html"),
        "{{ range .Pages }}<li>{{ .Title }}</li>\n{{ end }}",
    );
    for (name, markdown) in posts {
        write(&dir.join("content/posts").join(name), markdown);
    }
}

/// Builds the Hugo site in `dir` into `output`, drafts too when asked; a warning is a failure.
pub fn build_hugo(dir: &Path, output: &Path, with_drafts: bool) -> Result<(), String> {
    let mut hugo = Command::new("hugo");
    hugo.arg("--source")
        .arg(dir)
        .arg("--destination")
        .arg(output)
        .arg("--cacheDir")
        .arg(dir.join("cache"))
        .args(["--panicOnWarning", "--noBuildLock", "--quiet"]);
    if with_drafts {
        hugo.arg("--buildDrafts");
    }
    run(&mut hugo)
}

/// Where Hugo writes the post in `file_name`, under the build's `output`.
pub fn hugo_page(output: &Path, file_name: &str) -> PathBuf {
    output.join("posts").join(file_name.trim_end_matches(".md")).join("index.html")
}

/// A Jekyll site in `dir` holding `posts` in `_posts/`, its `timezone` the host's (Jekyll shows
/// dates in it). Front matter errors fail the build instead of being skipped with a warning.
pub fn write_jekyll_site(dir: &Path, timezone: &str, posts: &[(String, String)]) {
    write(
        &dir.join("_config.yml"),
        &format!(
            "title: AMA\ntimezone: {timezone}\nstrict_front_matter: true\nliquid:\n  error_mode: strict\n  strict_filters: true\ndefaults:\n  - scope:\n      path: \"\"\n    values:\n      layout: post\n"
        ),
    );
    let post = RENDERED
        .replace("TITLE", "{{ page.title | escape }}")
        .replace("DATE", r#"{{ page.date | date: "%Y-%m-%d %H:%M:%S %:z" }}"#)
        .replace("TAGS", r#"{{ page.tags | join: "|" | escape }}"#)
        .replace("QUESTION", "{{ page.ama_question_url | escape }}");
    write(&dir.join("_layouts/post.html"), &format!("{{{{ content }}}}\n{post}"));
    for (name, markdown) in posts {
        write(&dir.join("_posts").join(name), markdown);
    }
}

/// Builds the Jekyll site in `dir` into `output`, plugins off, unpublished posts too when asked.
pub fn build_jekyll(dir: &Path, output: &Path, with_unpublished: bool) -> Result<(), String> {
    let mut jekyll = Command::new("jekyll");
    jekyll
        .arg("build")
        .arg("--source")
        .arg(dir)
        .arg("--destination")
        .arg(output)
        .args(["--safe", "--strict_front_matter", "--disable-disk-cache", "--quiet"]);
    if with_unpublished {
        jekyll.arg("--unpublished");
    }
    run(&mut jekyll)
}

/// Where Jekyll writes the post in `file_name` (its default permalink, `/:year/:month/:day/:title`),
/// under the build's `output`.
pub fn jekyll_page(output: &Path, file_name: &str) -> PathBuf {
    let stem = file_name.trim_end_matches(".md");
    let (date, slug) = stem.split_at(10);
    output.join(date.replace('-', "/")).join(format!("{}.html", &slug[1..]))
}

fn run(command: &mut Command) -> Result<(), String> {
    let output = command.stdin(Stdio::null()).output().map_err(|e| e.to_string())?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{:?} failed ({}):\n{}\n{}",
            command,
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Every HTML file under `dir`, concatenated.
fn all_html(dir: &Path) -> String {
    let mut out = String::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                out.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    out
}

// ---------------------------------------------------------------- the posts

/// A post as written, and what a reader must see.
struct Case {
    title: &'static str,
    question_title: &'static str,
    /// The title as it reads back: one line.
    shown_title: &'static str,
    answered_at: &'static str,
    zone: &'static str,
    /// The date as both sites must show it.
    shown_date: &'static str,
    tags: &'static [&'static str],
    draft: bool,
}

const URL: &str = "https://plaudit.example/ama/questions/42?x=1&y=2#answer";

const CASES: &[Case] = &[
    Case {
        title: r#"From the AMA: "How did you become a Microsoft MVP?""#,
        question_title: "How did you become a Microsoft MVP?",
        shown_title: r#"From the AMA: "How did you become a Microsoft MVP?""#,
        answered_at: "2020-07-03T14:28:00Z",
        zone: "America/New_York",
        shown_date: "2020-07-03 10:28:00 -04:00",
        tags: &["mvp", "career"],
        draft: false,
    },
    Case {
        title: "* not an alias: & <b>bold</b> 'quotes' \\ back\\slash # not a comment\nsecond line",
        question_title: "Not an alias",
        shown_title: "* not an alias: & <b>bold</b> 'quotes' \\ back\\slash # not a comment second line",
        answered_at: "2021-01-15T15:04:05Z",
        zone: "America/New_York",
        shown_date: "2021-01-15 10:04:05 -05:00",
        tags: &["yes", "#hash", "- dash", "a: b"],
        draft: false,
    },
    Case {
        title: "yes",
        question_title: "yes",
        shown_title: "yes",
        answered_at: "2021-02-01T12:00:00Z",
        zone: "America/New_York",
        shown_date: "2021-02-01 07:00:00 -05:00",
        tags: &["null", "true"],
        draft: false,
    },
    Case {
        title: "Ça va? 日本語 🎉 {{ .Title }} {% raw %} @at `tick` !bang %pct\u{7}",
        question_title: "Ça va? Unicode",
        shown_title: "Ça va? 日本語 🎉 {{ .Title }} {% raw %} @at `tick` !bang %pct",
        answered_at: "2020-07-03T20:00:00Z",
        zone: "Asia/Kolkata",
        shown_date: "2020-07-04 01:30:00 +05:30",
        tags: &["日本語"],
        draft: false,
    },
    Case {
        title: "Draft: not yet",
        question_title: "Draft question",
        shown_title: "Draft: not yet",
        answered_at: "2020-07-05T14:28:00Z",
        zone: "America/New_York",
        shown_date: "2020-07-05 10:28:00 -04:00",
        tags: &[],
        draft: true,
    },
];

/// The case's post, as (file name, file).
fn written(case: &Case) -> (String, String) {
    let zone = TimeZone::get(case.zone).unwrap();
    let tags: Vec<String> = case.tags.iter().map(|t| t.to_string()).collect();
    let body = format!(
        "> {}\n\nThe answer, in **Markdown**.\n\n[Read the question on Plaudit]({URL})\n",
        case.question_title
    );
    let post = BlogPost {
        title: case.title,
        question_title: case.question_title,
        answered_at: case.answered_at.parse().unwrap(),
        time_zone: &zone,
        tags: &tags,
        draft: case.draft,
        question_url: URL,
        body: &body,
    };
    (post.file_name(), post.to_markdown())
}

/// Go's `html/template` escaping of text.
fn hugo_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
        .replace('+', "&#43;")
}

/// Liquid's `escape` filter.
fn liquid_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn rendered(case: &Case, escape: fn(&str) -> String) -> String {
    let tags: Vec<String> = case.tags.iter().map(|t| t.to_string()).collect();
    RENDERED
        .replace("TITLE", &escape(case.shown_title))
        .replace("DATE", &escape(case.shown_date))
        .replace("TAGS", &escape(&tags.join("|")))
        .replace("QUESTION", &escape(URL))
}

/// Checks the build in `output` shows every post but the drafts, which the build in
/// `with_drafts` (the same site, drafts asked for) shows where they would be.
fn check_site(
    output: &Path,
    with_drafts: &Path,
    cases: &[&Case],
    page: fn(&Path, &str) -> PathBuf,
    escape: fn(&str) -> String,
) {
    let everything = all_html(output);
    for case in cases {
        let (file_name, _) = written(case);
        if case.draft {
            let published = page(output, &file_name);
            assert!(!published.exists(), "the draft was published at {}", published.display());
            assert!(
                !everything.contains(&escape(case.shown_title)),
                "the draft shows up somewhere"
            );
            let asked_for = page(with_drafts, &file_name);
            assert!(
                asked_for.exists(),
                "no draft where one was asked for: {}",
                asked_for.display()
            );
        } else {
            let page = page(output, &file_name);
            let html = std::fs::read_to_string(&page)
                .unwrap_or_else(|e| panic!("{}: {e}", page.display()));
            let expected = rendered(case, escape);
            assert!(html.contains(&expected), "{}:\n{html}\nlacks:\n{expected}", page.display());
            assert!(html.contains("<strong>Markdown</strong>"), "{html}");
        }
    }
}

// ---------------------------------------------------------------- the tests

#[test]
fn ama_posts_in_hugo_show_titles_and_dates_with_offsets_and_no_drafts() {
    if !require_builder("hugo", "version") {
        return;
    }
    let site = TempSite::new("hugo");
    let posts: Vec<_> = CASES.iter().map(written).collect();
    write_hugo_site(&site.path, &posts);
    let (output, with_drafts) = (site.path.join("public"), site.path.join("public-drafts"));
    build_hugo(&site.path, &output, false).unwrap();
    build_hugo(&site.path, &with_drafts, true).unwrap();
    let cases: Vec<&Case> = CASES.iter().collect();
    check_site(&output, &with_drafts, &cases, hugo_page, hugo_escape);
}

#[test]
fn ama_posts_in_jekyll_show_titles_and_dates_in_the_hosts_zone_and_no_drafts() {
    if !require_builder("jekyll", "--version") {
        return;
    }
    // Jekyll shows every date in its site's zone, so each host's posts get a site of their own.
    for zone in ["America/New_York", "Asia/Kolkata"] {
        let site = TempSite::new("jekyll");
        let cases: Vec<&Case> = CASES.iter().filter(|c| c.zone == zone).collect();
        let posts: Vec<_> = cases.iter().map(|c| written(c)).collect();
        write_jekyll_site(&site.path, zone, &posts);
        let (output, with_drafts) = (site.path.join("_site"), site.path.join("_site-drafts"));
        build_jekyll(&site.path, &output, false).unwrap();
        build_jekyll(&site.path, &with_drafts, true).unwrap();
        check_site(&output, &with_drafts, &cases, jekyll_page, liquid_escape);
    }
}

/// What Ruby's Psych (Jekyll's YAML parser) makes of a front matter's `date`: its class and, for
/// a time, its offset in seconds and the instant.
fn psych_date(front_matter: &str) -> String {
    let script = r#"require "date"; require "psych"
d = Psych.safe_load(STDIN.read, permitted_classes: [Time, Date])["date"]
print d.is_a?(Time) ? "Time #{d.utc_offset} #{d.getutc.strftime("%FT%TZ")}" : d.class.name"#;
    let mut child = Command::new("ruby")
        .args(["-e", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(front_matter.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn ama_post_dates_load_in_psych_as_times_with_their_offsets() {
    if !require_builder("ruby", "--version") {
        return;
    }
    // The seed's own form, minutes only, is a string to Psych: the probe tells the two apart.
    assert_eq!(psych_date("date: 2020-07-03 10:28 -0400\n"), "String");
    for (case, offset) in CASES.iter().zip([-14_400, -18_000, -18_000, 19_800, -14_400]) {
        let (_, markdown) = written(case);
        let front_matter = markdown.split("---\n").nth(1).unwrap();
        assert_eq!(
            psych_date(front_matter),
            format!("Time {offset} {}", case.answered_at),
            "{front_matter}"
        );
    }
}
