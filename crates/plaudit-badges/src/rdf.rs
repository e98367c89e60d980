//! JSON-LD → RDF → RDFC-1.0 canonical N-Quads, plus a "safe mode" check.
//!
//! oxjsonld 0.2 produces oxrdf 0.3 quads while rdf-canon 0.15 consumes oxrdf
//! 0.2 ones; both crates are well kept, so rather than hand-rolling either
//! step we convert the (simple) terms between the two oxrdf versions.

use oxjsonld::{JsonLdParser, JsonLdRemoteDocument};
use serde_json::Value;

use crate::{Error, Result, contexts};

/// Terms that the VC 2.0 context's `@vocab` catches: anything landing here
/// was not defined by any context, which we treat as an error (see
/// [`check_all_terms_defined`]).
const ISSUER_DEPENDENT: &str = "https://www.w3.org/ns/credentials/issuer-dependent#";

fn to_quads(doc: &Value) -> Result<Vec<oxrdf03::Quad>> {
    let bytes = serde_json::to_vec(doc).map_err(|e| Error::JsonLd(e.to_string()))?;
    JsonLdParser::new()
        .for_slice(&bytes)
        .with_load_document_callback(|url, _options| match contexts::load(url) {
            Some(body) => Ok(JsonLdRemoteDocument {
                document: body.as_bytes().to_vec(),
                document_url: url.to_owned(),
            }),
            None => {
                Err(format!("context {url} is not embedded; remote loading is disabled").into())
            }
        })
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| Error::JsonLd(e.to_string()))
}

fn named(n: &oxrdf03::NamedNode) -> oxrdf::NamedNode {
    oxrdf::NamedNode::new_unchecked(n.as_str())
}

fn blank(b: &oxrdf03::BlankNode) -> oxrdf::BlankNode {
    oxrdf::BlankNode::new_unchecked(b.as_str())
}

fn convert(q: &oxrdf03::Quad) -> Result<oxrdf::Quad> {
    let subject: oxrdf::Subject = match &q.subject {
        oxrdf03::NamedOrBlankNode::NamedNode(n) => named(n).into(),
        oxrdf03::NamedOrBlankNode::BlankNode(b) => blank(b).into(),
    };
    let object: oxrdf::Term = match &q.object {
        oxrdf03::Term::NamedNode(n) => named(n).into(),
        oxrdf03::Term::BlankNode(b) => blank(b).into(),
        oxrdf03::Term::Literal(l) => match l.language() {
            Some(lang) => {
                oxrdf::Literal::new_language_tagged_literal_unchecked(l.value(), lang).into()
            }
            None => oxrdf::Literal::new_typed_literal(l.value(), named(&l.datatype().into_owned()))
                .into(),
        },
        // Only exists when some crate enables oxrdf's rdf-12 feature.
        #[allow(unreachable_patterns)]
        _ => return Err(Error::JsonLd("unsupported RDF term (quoted triple)".into())),
    };
    let graph: oxrdf::GraphName = match &q.graph_name {
        oxrdf03::GraphName::NamedNode(n) => named(n).into(),
        oxrdf03::GraphName::BlankNode(b) => blank(b).into(),
        oxrdf03::GraphName::DefaultGraph => oxrdf::GraphName::DefaultGraph,
    };
    Ok(oxrdf::Quad::new(subject, named(&q.predicate), object, graph))
}

/// RDFC-1.0 canonical N-Quads of a JSON-LD document.
pub fn canonicalize(doc: &Value) -> Result<String> {
    let mut dataset = oxrdf::Dataset::new();
    for q in to_quads(doc)? {
        dataset.insert(&convert(&q)?);
    }
    rdf_canon::canonicalize(&dataset).map_err(|e| Error::Canonicalization(e.to_string()))
}

/// JSON-LD "safe mode": every key must contribute to the RDF that gets signed.
///
/// oxjsonld has no safe-mode switch, so we check it ourselves, in two ways:
/// 1. no predicate or type may fall back to the VC 2.0 `@vocab`
///    (issuer-dependent namespace), i.e. every term is defined by a context;
/// 2. deleting any single key must remove at least one quad; a key whose
///    removal changes nothing was silently dropped by expansion (e.g. a
///    relative IRI, an `@`-prefixed unknown keyword) and would be unsigned.
pub fn check_all_terms_defined(doc: &Value) -> Result<()> {
    let quads = to_quads(doc)?;
    for q in &quads {
        let type_iri = match (&q.object, q.predicate.as_str()) {
            (oxrdf03::Term::NamedNode(n), "http://www.w3.org/1999/02/22-rdf-syntax-ns#type") => {
                Some(n.as_str())
            }
            _ => None,
        };
        for iri in [Some(q.predicate.as_str()), type_iri].into_iter().flatten() {
            if let Some(term) = iri.strip_prefix(ISSUER_DEPENDENT) {
                return Err(Error::UndefinedTerm(term.to_owned()));
            }
        }
    }
    let total = quads.len();
    let mut paths = Vec::new();
    collect_key_paths(doc, &mut Vec::new(), &mut paths);
    for path in paths {
        let mut pruned = doc.clone();
        remove_at(&mut pruned, &path);
        if to_quads(&pruned)?.len() == total {
            return Err(Error::UndefinedTerm(describe(&path)));
        }
    }
    Ok(())
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn collect_key_paths(v: &Value, prefix: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                // `@context` is not data; `id`/`@id` only name the node, so
                // removing them legitimately leaves the quad count unchanged.
                if k == "@context" || k == "id" || k == "@id" {
                    continue;
                }
                prefix.push(Step::Key(k.clone()));
                out.push(prefix.clone());
                collect_key_paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                prefix.push(Step::Index(i));
                collect_key_paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn remove_at(v: &mut Value, path: &[Step]) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut cur = v;
    for step in parents {
        let next = match (step, cur) {
            (Step::Key(k), Value::Object(m)) => m.get_mut(k),
            (Step::Index(i), Value::Array(a)) => a.get_mut(*i),
            _ => None,
        };
        match next {
            Some(n) => cur = n,
            None => return,
        }
    }
    if let (Step::Key(k), Value::Object(m)) = (last, cur) {
        m.remove(k);
    }
}

fn describe(path: &[Step]) -> String {
    path.iter()
        .map(|s| match s {
            Step::Key(k) => k.clone(),
            Step::Index(i) => i.to_string(),
        })
        .collect::<Vec<_>>()
        .join(".")
}
