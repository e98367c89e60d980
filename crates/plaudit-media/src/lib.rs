//! Profile photos: an upload in, square images that are safe to serve out.
//!
//! Pure: bytes in, bytes out; no I/O, no clock, no async. The caller stores the variants and
//! serves them with their content type; nothing of the upload but its pixels reaches them.
//!
//! The steps, in order, each refusing with a [`PhotoProblem`]:
//! 1. the byte count ([`MAX_UPLOAD_BYTES`]), before anything is parsed;
//! 2. the type, from the content's magic bytes only: a file name or a declared content type is
//!    the sender's claim, the bytes are what a decoder will run on;
//! 3. the header's dimensions ([`MAX_PIXELS`], [`MIN_SIDE`]), before the pixels are decoded, so
//!    a small file declaring a huge canvas (a decompression bomb) costs nothing;
//! 4. the decode, then the centre square, the EXIF orientation, and one re-encoded JPEG per
//!    entry of [`SIZES`].

#[cfg(any(test, feature = "test-fixtures"))]
mod fixtures;
#[cfg(feature = "test-fixtures")]
pub use fixtures::sample_jpeg_with_gps;

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::{self, FilterType};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};

/// Larger uploads are refused before any byte of them is parsed.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;

/// Larger canvases are refused from the header alone. 40 MP leaves room above the usual
/// 12–24 MP phone photo; decoded it takes at most 160 MB (320 MB for a 16-bit PNG).
pub const MAX_PIXELS: u64 = 40_000_000;

/// A smaller side is refused: below it even the smallest avatar would be a blur.
pub const MIN_SIDE: u32 = 32;

/// The square sizes served, in pixels: the avatar in lists, the profile page, the large view.
pub const SIZES: &[u32] = &[64, 160, 400];

/// What every variant is.
///
/// JPEG, because a profile photo is a photograph: at quality 85 a 400×400 one is a few dozen
/// kilobytes, where the only WebP encoder in pure Rust (`image`'s, lossless only) makes one
/// several times larger; and every browser and mail client shows a JPEG. Transparency, the one
/// thing JPEG lacks, is flattened onto white.
pub const CONTENT_TYPE: &str = "image/jpeg";

/// High enough that faces show no blocks, low enough to keep the large variant small.
const JPEG_QUALITY: u8 = 85;

/// What the decoders may allocate besides the image itself (e.g. a PNG's compressed text
/// chunks): `image`'s own default, stated here so it cannot change under us.
const MAX_DECODER_ALLOC: u64 = 512 * 1024 * 1024;

/// The images to serve for one upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// One per entry of [`SIZES`], in that order.
    pub variants: Vec<Variant>,
}

impl Photo {
    /// The variant made for `size` (an entry of [`SIZES`]).
    pub fn variant(&self, size: u32) -> Option<&Variant> {
        self.variants.iter().find(|variant| variant.size == size)
    }
}

/// One served image: a square JPEG without any metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The entry of [`SIZES`] this variant serves.
    pub size: u32,
    /// The encoded image is `side`×`side` pixels: `size`, or the source's own square side when
    /// that is smaller. A photo is never enlarged: the page scales it up in the browser, which
    /// looks the same and costs no bytes.
    pub side: u32,
    /// Always [`CONTENT_TYPE`].
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// Why an upload was refused. [`PhotoProblem::code`] is stable; the app words the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoProblem {
    #[error("the upload is empty")]
    Empty,
    #[error("the upload is larger than {max_bytes} bytes")]
    TooLarge { max_bytes: usize },
    /// The content is no image format at all (text, HTML, SVG, PDF…).
    #[error("the upload is not an image")]
    NotAnImage,
    /// An image, but of a kind not accepted; the name is lower case, e.g. `gif`, `heic`.
    #[error("{0} images are not accepted, only JPEG, PNG and WebP")]
    UnsupportedFormat(&'static str),
    #[error("the image has more than {max_pixels} pixels")]
    TooManyPixels { max_pixels: u64 },
    #[error("the image is smaller than {min_side}×{min_side} pixels")]
    TooSmall { min_side: u32 },
    /// Damaged, cut short, or using a feature the decoder lacks.
    #[error("the image could not be read")]
    Corrupt,
}

impl PhotoProblem {
    /// A stable snake_case code; never rename one, only add. Prefixed `photo_` so it cannot
    /// collide with the app's own error codes (it has a `payload_too_large`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "photo_empty",
            Self::TooLarge { .. } => "photo_too_large",
            Self::NotAnImage => "photo_not_an_image",
            Self::UnsupportedFormat(_) => "photo_unsupported_format",
            Self::TooManyPixels { .. } => "photo_too_many_pixels",
            Self::TooSmall { .. } => "photo_too_small",
            Self::Corrupt => "photo_corrupt",
        }
    }
}

/// Checks an upload and makes the variants of [`SIZES`], or says why not.
///
/// The source is cut to its centre square, turned upright by its EXIF orientation, scaled
/// down with Lanczos3 and encoded anew from its pixels: EXIF (GPS position, camera, dates),
/// XMP, IPTC, ICC profiles and comments of the upload are left behind. The colours are read
/// as sRGB, which is what nearly every upload is; a wide-gamut one comes out a little duller.
pub fn process(upload: &[u8]) -> Result<Photo, PhotoProblem> {
    if upload.is_empty() {
        return Err(PhotoProblem::Empty);
    }
    if upload.len() > MAX_UPLOAD_BYTES {
        return Err(PhotoProblem::TooLarge { max_bytes: MAX_UPLOAD_BYTES });
    }
    let format = sniff(upload)?;
    let (image, orientation) = decode(upload, format)?;
    let largest = upright_square(image, orientation);

    SIZES
        .iter()
        .map(|&size| {
            let side = size.min(largest.width());
            let scaled;
            let pixels = if side == largest.width() {
                &largest
            } else {
                scaled = imageops::resize(&largest, side, side, FilterType::Lanczos3);
                &scaled
            };
            Ok(Variant { size, side, content_type: CONTENT_TYPE, bytes: encode_jpeg(pixels)? })
        })
        .collect::<Result<_, _>>()
        .map(|variants| Photo { variants })
}

/// The format the content is, if it is one we take.
fn sniff(upload: &[u8]) -> Result<ImageFormat, PhotoProblem> {
    // iPhones save HEIC, which `image` does not know; naming it tells the person what to change.
    if is_heif(upload) {
        return Err(PhotoProblem::UnsupportedFormat("heic"));
    }
    match image::guess_format(upload) {
        Ok(format @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => Ok(format),
        Ok(other) => Err(PhotoProblem::UnsupportedFormat(format_name(other))),
        Err(_) => Err(PhotoProblem::NotAnImage),
    }
}

/// An ISO media file whose brand is HEIF's (AVIF's brands `guess_format` knows itself).
fn is_heif(upload: &[u8]) -> bool {
    const BRANDS: &[&[u8]] =
        &[b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"];
    upload.get(4..8) == Some(b"ftyp") && upload.get(8..12).is_some_and(|b| BRANDS.contains(&b))
}

fn format_name(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Gif => "gif",
        ImageFormat::Tiff => "tiff",
        ImageFormat::Bmp => "bmp",
        ImageFormat::Ico => "ico",
        ImageFormat::Avif => "avif",
        ImageFormat::Pnm => "pnm",
        ImageFormat::Hdr => "hdr",
        ImageFormat::OpenExr => "exr",
        ImageFormat::Qoi => "qoi",
        ImageFormat::Dds => "dds",
        ImageFormat::Farbfeld => "farbfeld",
        // `ImageFormat` may grow; a name the message can still show.
        _ => "other",
    }
}

/// The decoded pixels and how to turn them upright; the header is judged before the pixels
/// are decoded.
fn decode(upload: &[u8], format: ImageFormat) -> Result<(DynamicImage, Orientation), PhotoProblem> {
    if format == ImageFormat::Jpeg && !jpeg_is_complete(upload) {
        return Err(PhotoProblem::Corrupt);
    }
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODER_ALLOC);
    let mut reader = ImageReader::with_format(Cursor::new(upload), format);
    reader.limits(limits);
    // Reads the header only.
    let mut decoder = reader.into_decoder().map_err(problem)?;

    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoProblem::TooManyPixels { max_pixels: MAX_PIXELS });
    }
    if width.min(height) < MIN_SIDE {
        return Err(PhotoProblem::TooSmall { min_side: MIN_SIDE });
    }
    // A damaged EXIF block costs the photo its rotation, not its upload.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(problem)?;
    Ok((image, orientation))
}

/// Whether the JPEG's image data ends with its end-of-image marker. `image` decodes JPEG
/// leniently and fills a cut-off file with grey; a half photo is refused here instead.
fn jpeg_is_complete(jpeg: &[u8]) -> bool {
    // Walk the marker segments to the first start-of-scan, so the end marker of a thumbnail
    // inside the EXIF block is not taken for the image's.
    let mut at = 2;
    while let (Some(&0xFF), Some(&marker)) = (jpeg.get(at), jpeg.get(at + 1)) {
        match marker {
            // Fill bytes before a marker.
            0xFF => at += 1,
            0xDA => {
                // In the scans a 0xFF byte is always followed by 0x00 or a restart marker, so
                // FF D9 there is the end of the image.
                return jpeg
                    .get(at..)
                    .is_some_and(|rest| rest.windows(2).any(|w| w == [0xFF, 0xD9]));
            }
            _ => match jpeg.get(at + 2..at + 4) {
                Some(&[high, low]) => at += 2 + usize::from(u16::from_be_bytes([high, low])),
                _ => return false,
            },
        }
    }
    false
}

fn problem(error: ImageError) -> PhotoProblem {
    match error {
        // Dimensions or allocations beyond the limits: the bomb case.
        ImageError::Limits(_) => PhotoProblem::TooManyPixels { max_pixels: MAX_PIXELS },
        // Damaged, cut short, or a variant of the format the decoder cannot read
        // (arithmetic-coded JPEG, say): in every case the upload is not usable as it is.
        _ => PhotoProblem::Corrupt,
    }
}

/// The centre square, scaled down to the largest size served and turned upright.
///
/// Cropping and scaling before turning gives the same picture (the centre square of a turned
/// image is the turned centre square) and turns 400×400 pixels instead of 40 million.
/// `DynamicImage`'s own crop and resize are used on the large image: their code is compiled
/// in `image`, optimised even in the app's debug builds, where ours would take seconds.
fn upright_square(image: DynamicImage, orientation: Orientation) -> RgbImage {
    // Before scaling: a filter averaging a transparent pixel's hidden colour would fringe the
    // edges with it.
    let image =
        if image.color().has_alpha() { DynamicImage::ImageRgb8(flatten(image)) } else { image };
    let (width, height) = (image.width(), image.height());
    let side = width.min(height);
    let largest = SIZES.iter().copied().fold(0, u32::max).min(side);
    let mut square = image.crop_imm((width - side) / 2, (height - side) / 2, side, side);
    // Lanczos3 reads 6 source pixels per output pixel per ratio: from a phone photo to 400
    // that is seconds. Averaging boxes first down to twice the size (which cannot alias) and
    // Lanczos3 for the last halving gives the same picture in a fraction of the time.
    if side > 4 * largest {
        square = square.thumbnail_exact(2 * largest, 2 * largest);
    }
    let mut scaled = square.resize_exact(largest, largest, FilterType::Lanczos3);
    scaled.apply_orientation(orientation);
    scaled.into_rgb8()
}

/// 8-bit RGB, any transparency laid onto white (JPEG has no alpha; dropping it would show
/// whatever colour the transparent pixels hold, often black).
fn flatten(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let mut rgb = RgbImage::new(rgba.width(), rgba.height());
    for (out, pixel) in rgb.pixels_mut().zip(rgba.pixels()) {
        let [r, g, b, a] = pixel.0;
        let over_white = |c: u8| {
            let (c, a) = (u16::from(c), u16::from(a));
            // (c·a + 255·(255−a)) / 255, rounded; at most 255, so the cast keeps every bit.
            ((c * a + 255 * (255 - a) + 127) / 255) as u8
        };
        out.0 = [over_white(r), over_white(g), over_white(b)];
    }
    rgb
}

/// A JPEG from pixels alone: the encoder writes its JFIF header and nothing of the upload.
fn encode_jpeg(pixels: &RgbImage) -> Result<Vec<u8>, PhotoProblem> {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY)
        .encode_image(pixels)
        // Cannot happen: the sides are 32..=400 and writing to a Vec does not fail. Were it
        // to, the upload is still the one thing we could not use.
        .map_err(|_| PhotoProblem::Corrupt)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests;
