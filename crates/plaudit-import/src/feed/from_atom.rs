//! Atom entries, read by the `atom_syndication` crate, as [`Fields`]; YouTube's channel feeds
//! are Atom with Media RSS inside.

use atom_syndication::extension::{Extension, ExtensionMap};
use atom_syndication::{Entry, Link, TextType};

use super::entry::{Fields, Markup, Text, When, is_media};

pub(super) fn fields(entry: &Entry) -> Fields<'_> {
    let mut fields = Fields::new(&entry.id);
    fields.title = Some(text(&entry.title));
    fields.link = page_link(&entry.links).map(|link| link.href.as_str());
    fields.published = entry.published.map_or(When::Missing, |at| When::of_second(at.timestamp()));
    // `updated` is required, and the parser stands in the epoch for an entry that lacks it.
    fields.updated = match entry.updated.timestamp() {
        0 => When::Missing,
        second => When::of_second(second),
    };
    fields.summary = entry.summary.as_ref().map(text).or_else(|| {
        let content = entry.content.as_ref()?;
        let markup = match content.content_type.as_deref() {
            Some(t) if t.contains("html") => Markup::Html,
            _ => Markup::Plain,
        };
        Some(Text::new(content.value.as_deref()?, markup))
    });
    fields.episode = entry.links.iter().any(|link| is_media(link.mime_type.as_deref()))
        || media_group(&entry.extensions)
            .flat_map(|group| children(group, "content"))
            .any(|content| is_media(content.attrs.get("type").map(String::as_str)));
    let group = media_group(&entry.extensions).next();
    fields.video_description =
        group.and_then(|g| children(g, "description").next()?.value.as_deref());
    fields.views = group
        .and_then(|g| children(g, "community").next())
        .and_then(|community| children(community, "statistics").next()?.attrs.get("views"))
        .and_then(|views| views.trim().parse().ok());
    fields
}

fn text(text: &atom_syndication::Text) -> Text<'_> {
    let markup = match text.r#type {
        TextType::Text => Markup::Plain,
        TextType::Html | TextType::Xhtml => Markup::Html,
    };
    Text::new(&text.value, markup)
}

/// The entry's page: its alternate link, an HTML one first, never its audio or video.
fn page_link(links: &[Link]) -> Option<&Link> {
    let alternate = || links.iter().filter(|l| l.rel.is_empty() || l.rel == "alternate");
    alternate()
        .find(|l| l.mime_type.as_deref().is_none_or(|t| t.contains("html")))
        .or_else(|| alternate().find(|l| !is_media(l.mime_type.as_deref())))
}

/// Media RSS's `<media:group>` elements.
fn media_group(extensions: &ExtensionMap) -> impl Iterator<Item = &Extension> {
    extensions.get("media").and_then(|media| media.get("group")).into_iter().flatten()
}

fn children<'a>(extension: &'a Extension, name: &str) -> impl Iterator<Item = &'a Extension> {
    extension.children.get(name).into_iter().flatten()
}
