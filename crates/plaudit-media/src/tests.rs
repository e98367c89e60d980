#![allow(clippy::unwrap_used)]

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Rgb, RgbImage, Rgba, RgbaImage};

use super::*;
use crate::fixtures::{LATITUDE, LONGITUDE, exif, gradient, jpeg_with_exif, rationals};

fn encode(image: impl Into<DynamicImage>, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Cursor::new(Vec::new());
    image.into().write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

/// The verdict alone: a failing assertion then prints no image bytes.
fn outcome(upload: &[u8]) -> Result<(), PhotoProblem> {
    process(upload).map(|_| ())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The markers of a JPEG's segments, from SOI up to the first scan.
fn markers(jpeg: &[u8]) -> Vec<u8> {
    assert_eq!(jpeg[..2], [0xFF, 0xD8], "starts with SOI");
    let (mut at, mut found) = (2, Vec::new());
    while jpeg[at] == 0xFF {
        let marker = jpeg[at + 1];
        found.push(marker);
        if marker == 0xDA {
            break;
        }
        at += 2 + usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
    }
    found
}

fn exif_of(bytes: &[u8], format: ImageFormat) -> Option<Vec<u8>> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(Limits::default());
    reader.into_decoder().unwrap().exif_metadata().unwrap()
}

fn decode_variant(variant: &Variant) -> RgbImage {
    assert_eq!(variant.content_type, "image/jpeg");
    assert_eq!(image::guess_format(&variant.bytes).unwrap(), ImageFormat::Jpeg);
    image::load_from_memory_with_format(&variant.bytes, ImageFormat::Jpeg).unwrap().into_rgb8()
}

fn sides(photo: &Photo) -> Vec<(u32, u32)> {
    photo.variants.iter().map(|v| (v.size, v.side)).collect()
}

/// Red, green or blue, whichever channel clearly leads (JPEG moves colours a little).
fn hue(pixel: Rgb<u8>) -> char {
    let [r, g, b] = pixel.0.map(i32::from);
    match () {
        _ if r > g + 80 && r > b + 80 => 'r',
        _ if g > r + 80 && g > b + 80 => 'g',
        _ if b > r + 80 && b > g + 80 => 'b',
        _ => '?',
    }
}

/// The CRC of a PNG chunk (its type and data).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn png_chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend((data.len() as u32).to_be_bytes());
    let body = [kind.as_slice(), data].concat();
    png.extend(&body);
    png.extend(crc32(&body).to_be_bytes());
}

/// A PNG of a few dozen bytes whose header declares `width`×`height` (colour type `color`).
fn png_declaring(width: u32, height: u32, color: u8) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let ihdr =
        [width.to_be_bytes().as_slice(), &height.to_be_bytes(), &[8, color, 0, 0, 0]].concat();
    png_chunk(&mut png, b"IHDR", &ihdr);
    // A zlib stream of a few zero rows; the rest of the canvas is simply missing.
    png_chunk(&mut png, b"IDAT", &[0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]);
    png_chunk(&mut png, b"IEND", &[]);
    png
}

#[test]
fn problem_codes_are_stable() {
    let codes = [
        (PhotoProblem::Empty, "photo_empty"),
        (PhotoProblem::TooLarge { max_bytes: 1 }, "photo_too_large"),
        (PhotoProblem::NotAnImage, "photo_not_an_image"),
        (PhotoProblem::UnsupportedFormat("gif"), "photo_unsupported_format"),
        (PhotoProblem::TooManyPixels { max_pixels: 1 }, "photo_too_many_pixels"),
        (PhotoProblem::TooSmall { min_side: 1 }, "photo_too_small"),
        (PhotoProblem::Corrupt, "photo_corrupt"),
    ];
    for (problem, code) in codes {
        assert_eq!(problem.code(), code);
    }
}

#[test]
fn an_empty_upload_is_refused() {
    assert_eq!(outcome(&[]), Err(PhotoProblem::Empty));
}

#[test]
fn a_text_file_is_not_an_image() {
    assert_eq!(
        outcome(b"Dear committee,\nplease find my photo attached.\n"),
        Err(PhotoProblem::NotAnImage)
    );
}

#[test]
fn an_svg_is_not_an_image() {
    let svg = br#"<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400">
  <script>alert(document.cookie)</script><circle cx="200" cy="200" r="150"/>
</svg>"#;
    assert_eq!(outcome(svg), Err(PhotoProblem::NotAnImage));
    assert_eq!(outcome(&svg[22..]), Err(PhotoProblem::NotAnImage), "without the XML declaration");
}

#[test]
fn html_and_pdf_are_not_images() {
    assert_eq!(
        outcome(b"<!DOCTYPE html><img src=x onerror=alert(1)>"),
        Err(PhotoProblem::NotAnImage)
    );
    assert_eq!(
        outcome(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
        Err(PhotoProblem::NotAnImage)
    );
}

#[test]
fn other_image_formats_are_named_and_refused() {
    assert_eq!(
        outcome(b"GIF89a\x40\x00\x40\x00\x00\x00\x00;"),
        Err(PhotoProblem::UnsupportedFormat("gif"))
    );
    assert_eq!(outcome(b"II*\x00\x08\x00\x00\x00"), Err(PhotoProblem::UnsupportedFormat("tiff")));
    assert_eq!(
        outcome(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"),
        Err(PhotoProblem::UnsupportedFormat("heic"))
    );
}

/// The API has no file name or content type to trust: a PNG sent as "photo.jpg" with
/// `image/jpeg` is what its bytes say, and comes out as JPEG variants.
#[test]
fn a_png_named_jpg_is_processed_by_its_content() {
    let png = encode(gradient(300, 200), ImageFormat::Png);
    assert_eq!(image::guess_format(&png).unwrap(), ImageFormat::Png);
    let photo = process(&png).unwrap();
    assert_eq!(sides(&photo), [(64, 64), (160, 160), (400, 200)]);
    for variant in &photo.variants {
        decode_variant(variant);
    }
}

#[test]
fn a_webp_is_accepted() {
    let webp = encode(gradient(180, 240), ImageFormat::WebP);
    assert_eq!(sides(&process(&webp).unwrap()), [(64, 64), (160, 160), (400, 180)]);
}

#[test]
fn variants_have_the_served_sizes_and_decode_back() {
    let jpeg = encode(gradient(1200, 900), ImageFormat::Jpeg);
    let photo = process(&jpeg).unwrap();
    assert_eq!(photo.variants.iter().map(|v| v.size).collect::<Vec<_>>(), SIZES);
    for (variant, &size) in photo.variants.iter().zip(SIZES) {
        assert_eq!(variant.side, size);
        assert_eq!(decode_variant(variant).dimensions(), (size, size));
    }
    assert_eq!(photo.variant(160).map(|v| v.side), Some(160));
    assert_eq!(photo.variant(161), None);
}

#[test]
fn a_small_source_is_not_enlarged() {
    let photo = process(&encode(gradient(100, 120), ImageFormat::Png)).unwrap();
    assert_eq!(sides(&photo), [(64, 64), (160, 100), (400, 100)]);
    for variant in &photo.variants {
        assert_eq!(decode_variant(variant).dimensions(), (variant.side, variant.side));
    }
}

#[test]
fn a_source_below_the_minimum_side_is_refused() {
    let too_small = PhotoProblem::TooSmall { min_side: MIN_SIDE };
    assert_eq!(outcome(&encode(gradient(31, 500), ImageFormat::Png)), Err(too_small.clone()));
    assert_eq!(outcome(&encode(gradient(500, 31), ImageFormat::Jpeg)), Err(too_small));
    let photo = process(&encode(gradient(32, 32), ImageFormat::Png)).unwrap();
    assert_eq!(sides(&photo), [(64, 32), (160, 32), (400, 32)]);
}

#[test]
fn the_centre_square_is_kept() {
    // Red | green | blue thirds: only the green one is the centre square.
    let thirds = RgbImage::from_fn(600, 200, |x, _| match x {
        0..200 => Rgb([255, 0, 0]),
        200..400 => Rgb([0, 255, 0]),
        _ => Rgb([0, 0, 255]),
    });
    let photo = process(&encode(thirds, ImageFormat::Png)).unwrap();
    for variant in &photo.variants {
        let pixels = decode_variant(variant);
        let last = variant.side - 1;
        for (x, y) in [(0, 0), (last, 0), (0, last), (last, last), (last / 2, last / 2)] {
            assert_eq!(hue(*pixels.get_pixel(x, y)), 'g', "({x}, {y}) of {}", variant.size);
        }
    }
}

#[test]
fn transparency_is_laid_onto_white() {
    let clear = RgbaImage::from_pixel(64, 64, Rgba([0, 0, 0, 0]));
    let photo = process(&encode(clear, ImageFormat::Png)).unwrap();
    let pixels = decode_variant(&photo.variants[0]);
    assert!(pixels.pixels().all(|p| p.0.iter().all(|&c| c >= 250)), "white, not black");
}

#[test]
fn an_upload_over_the_byte_limit_is_refused_before_decoding() {
    // A valid PNG with zeros after it: decoding would succeed, so only the size check refuses.
    let mut png = encode(gradient(64, 64), ImageFormat::Png);
    png.resize(MAX_UPLOAD_BYTES, 0);
    assert!(process(&png).is_ok(), "at the limit is allowed");
    png.push(0);
    assert_eq!(outcome(&png), Err(PhotoProblem::TooLarge { max_bytes: MAX_UPLOAD_BYTES }));
    // Nor is the content looked at: zeros are no image, yet the size is what is said.
    assert_eq!(
        outcome(&vec![0; MAX_UPLOAD_BYTES + 1]),
        Err(PhotoProblem::TooLarge { max_bytes: MAX_UPLOAD_BYTES })
    );
}

#[test]
fn a_png_declaring_20000_by_20000_is_refused_as_a_bomb() {
    let bomb = PhotoProblem::TooManyPixels { max_pixels: MAX_PIXELS };
    let png = png_declaring(20_000, 20_000, 2);
    assert!(png.len() < 100, "a few dozen bytes");
    assert_eq!(outcome(&png), Err(bomb.clone()));
    // 64 megapixels of grey is 64 MB, within `image`'s allocation limit: our count refuses it.
    assert_eq!(outcome(&png_declaring(8_000, 8_000, 0)), Err(bomb));
}

#[test]
fn a_jpeg_declaring_20000_by_20000_is_refused_as_a_bomb() {
    let mut jpeg = encode(gradient(64, 64), ImageFormat::Jpeg);
    // Find the frame header and write a huge size into it; JPEG has no checksum to fix.
    let mut at = 2;
    while jpeg[at + 1] != 0xC0 {
        at += 2 + usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
    }
    let huge = 20_000u16.to_be_bytes();
    jpeg[at + 5..at + 7].copy_from_slice(&huge);
    jpeg[at + 7..at + 9].copy_from_slice(&huge);
    assert_eq!(outcome(&jpeg), Err(PhotoProblem::TooManyPixels { max_pixels: MAX_PIXELS }));
}

#[test]
fn exif_with_gps_is_stripped_from_every_variant() {
    let upload = crate::fixtures::sample_jpeg_with_gps(640, 480);
    let (latitude, longitude) = (rationals(&LATITUDE), rationals(&LONGITUDE));
    // The upload really carries it: an APP1 segment `image` reads as EXIF, with the position.
    assert!(markers(&upload).contains(&0xE1));
    assert!(contains(&upload, b"Exif\0\0") && contains(&upload, b"GPS"));
    let exif = exif_of(&upload, ImageFormat::Jpeg).unwrap();
    assert!(contains(&exif, &latitude) && contains(&exif, &longitude));

    let photo = process(&upload).unwrap();
    for variant in &photo.variants {
        let bytes = &variant.bytes;
        // Only the encoder's own JFIF header (APP0): no APP1 (EXIF, XMP), APP2 (ICC) or others.
        let app_segments: Vec<u8> =
            markers(bytes).into_iter().filter(|m| (0xE0..=0xEF).contains(m)).collect();
        assert_eq!(app_segments, [0xE0], "variant {}", variant.size);
        assert!(!contains(bytes, b"Exif"));
        assert!(!contains(bytes, b"GPS"));
        assert!(!contains(bytes, &latitude) && !contains(bytes, &longitude));
        assert_eq!(exif_of(bytes, ImageFormat::Jpeg), None);
        decode_variant(variant);
    }
}

#[test]
fn exif_orientation_6_turns_the_photo_upright() {
    // Stored sideways: the left half red, the right half blue. Orientation 6 says "turn 90°
    // clockwise to show", which puts the left half on top.
    let sideways =
        RgbImage::from_fn(
            800,
            400,
            |x, _| {
                if x < 400 { Rgb([255, 0, 0]) } else { Rgb([0, 0, 255]) }
            },
        );
    let hues = |orientation| {
        let upload = jpeg_with_exif(&sideways, &exif(Some(orientation), false));
        let photo = process(&upload).unwrap();
        let large = decode_variant(photo.variant(400).unwrap());
        let at = |x, y| hue(*large.get_pixel(x, y));
        // Top left, top right, bottom left.
        [at(60, 60), at(340, 60), at(60, 340)]
    };
    assert_eq!(hues(1), ['r', 'b', 'r'], "as stored");
    assert_eq!(hues(6), ['r', 'r', 'b'], "turned upright: the left half on top");
    // And the small variants are turned the same way.
    let upload = jpeg_with_exif(&sideways, &exif(Some(6), false));
    let small = decode_variant(process(&upload).unwrap().variant(64).unwrap());
    assert_eq!((hue(*small.get_pixel(32, 8)), hue(*small.get_pixel(32, 56))), ('r', 'b'));
}

#[test]
fn a_truncated_jpeg_is_corrupt() {
    let jpeg = encode(gradient(300, 200), ImageFormat::Jpeg);
    let step = jpeg.len() / 50;
    for cut in (3..jpeg.len()).step_by(step).chain([jpeg.len() - 2, jpeg.len() - 1]) {
        let result = outcome(&jpeg[..cut]);
        assert_eq!(result, Err(PhotoProblem::Corrupt), "cut at {cut} of {}", jpeg.len());
    }
    assert!(process(&jpeg).is_ok());
}

/// An EXIF block may hold a thumbnail JPEG, end marker and all; it must not pass for the end
/// of the photo.
#[test]
fn an_end_marker_inside_exif_does_not_hide_a_cut() {
    let thumbnail = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34, 0xFF, 0xD9];
    let exif = [exif(None, true), thumbnail.to_vec()].concat();
    let jpeg = jpeg_with_exif(&gradient(300, 200), &exif);
    assert!(outcome(&jpeg).is_ok());
    assert_eq!(outcome(&jpeg[..jpeg.len() / 2]), Err(PhotoProblem::Corrupt));
}

#[test]
fn a_truncated_png_or_webp_is_corrupt() {
    for format in [ImageFormat::Png, ImageFormat::WebP] {
        let bytes = encode(gradient(300, 200), format);
        // A PNG's last 12 bytes are its empty end chunk: without them every pixel is still
        // there, and the decoder rightly takes it. Any cut before them loses pixel data.
        let pixels_end = if format == ImageFormat::Png { bytes.len() - 12 } else { bytes.len() };
        for cut in (16..pixels_end).step_by(7).chain([pixels_end - 1]) {
            let result = outcome(&bytes[..cut]);
            assert_eq!(
                result,
                Err(PhotoProblem::Corrupt),
                "{format:?} cut at {cut} of {}",
                bytes.len()
            );
        }
    }
}

/// Each of the first bytes flipped in turn: refused or not, never a panic.
#[test]
fn damaged_headers_never_panic() {
    for format in [ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::WebP] {
        let bytes = encode(gradient(48, 40), format);
        for at in 0..bytes.len().min(160) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0xFF;
            let _ = process(&damaged);
        }
    }
}
