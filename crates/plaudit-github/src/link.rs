//! The `Link` header (RFC 8288) as GitHub sends it for pages:
//! `<https://api.github.com/repositories/1/issues?page=2>; rel="next", <…>; rel="last"`.

/// The target of the link whose `rel` includes `next`, if any. Commas inside `<…>` and inside
/// quoted parameters do not split links.
pub(crate) fn next_link(header: &str) -> Option<&str> {
    let mut rest = header;
    loop {
        let start = rest.find('<')?;
        let after = &rest[start + 1..];
        let end = after.find('>')?;
        let target = &after[..end];
        let mut params = &after[end + 1..];
        // The parameters run to the first comma outside quotes.
        let mut in_quotes = false;
        let mut cut = params.len();
        for (i, c) in params.char_indices() {
            match c {
                '"' => in_quotes = !in_quotes,
                ',' if !in_quotes => {
                    cut = i;
                    break;
                }
                _ => {}
            }
        }
        rest = &params[cut..];
        params = &params[..cut];
        for param in params.split(';') {
            let Some((key, value)) = param.split_once('=') else {
                continue;
            };
            if key.trim().eq_ignore_ascii_case("rel")
                && value
                    .trim()
                    .trim_matches('"')
                    .split_ascii_whitespace()
                    .any(|rel| rel.eq_ignore_ascii_case("next"))
            {
                return Some(target);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::next_link;

    #[test]
    fn finds_next_among_others() {
        let header = "<https://api.github.com/repositories/1/issues?page=1>; rel=\"prev\", \
                      <https://api.github.com/repositories/1/issues?labels=a,b&page=3>; rel=\"next\", \
                      <https://api.github.com/repositories/1/issues?page=5>; rel=\"last\"";
        assert_eq!(
            next_link(header),
            Some("https://api.github.com/repositories/1/issues?labels=a,b&page=3")
        );
    }

    #[test]
    fn no_next_on_the_last_page() {
        let header =
            "<https://x/issues?page=1>; rel=\"prev\", <https://x/issues?page=1>; rel=\"first\"";
        assert_eq!(next_link(header), None);
        assert_eq!(next_link(""), None);
        assert_eq!(next_link("garbage"), None);
    }

    #[test]
    fn rel_may_list_several_and_be_unquoted() {
        assert_eq!(next_link("<https://x/a>; rel=\"last next\""), Some("https://x/a"));
        assert_eq!(next_link("<https://x/b>; title=\"a, b\"; rel=next"), Some("https://x/b"));
    }
}
