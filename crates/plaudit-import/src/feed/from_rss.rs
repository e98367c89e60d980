//! RSS 0.9x, 1.0 and 2.0 entries, read by the `rss` crate, as [`Fields`].

use rss::extension::{Extension, ExtensionMap};

use super::entry::{Fields, Markup, Text, When, is_media};

pub(super) fn fields(item: &rss::Item) -> Fields<'_> {
    let mut fields = Fields::new(item.guid.as_ref().map_or("", |guid| guid.value.as_str()));
    fields.title = item.title.as_deref().map(|title| Text::new(title, Markup::Plain));
    fields.link = item.link.as_deref();
    // RSS 2.0 dates its items with pubDate, RSS 1.0 with Dublin Core's dc:date.
    let dc_date = item.dublin_core_ext.as_ref().and_then(|dc| dc.dates.first());
    fields.published = When::of_text(item.pub_date.as_deref());
    fields.updated = When::of_text(dc_date.map(String::as_str));
    // Descriptions are HTML in practice, in every version, whatever the specifications hoped.
    fields.summary = item
        .description
        .as_deref()
        .or(item.content.as_deref())
        .map(|summary| Text::new(summary, Markup::Html));
    fields.episode = item.enclosure.as_ref().is_some_and(|e| is_media(Some(&e.mime_type)))
        || media_contents(&item.extensions)
            .any(|content| is_media(content.attrs.get("type").map(String::as_str)));
    fields
}

/// Media RSS's `<media:content>` elements, alone or in a `<media:group>`.
fn media_contents(extensions: &ExtensionMap) -> impl Iterator<Item = &Extension> {
    let media = extensions.get("media");
    let direct = media.and_then(|m| m.get("content")).into_iter().flatten();
    let grouped = media
        .and_then(|m| m.get("group"))
        .into_iter()
        .flatten()
        .flat_map(|group| group.children.get("content").into_iter().flatten());
    direct.chain(grouped)
}
