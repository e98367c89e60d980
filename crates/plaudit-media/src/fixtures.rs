//! Test photos built in code: JPEGs carrying a real EXIF block, so tests here and in the app
//! can show that nothing of it reaches a served image.

use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, Rgb, RgbImage};

/// Where the sample photo claims it was taken: 52°31'12.34" N, 13°24'56.78" E, as EXIF
/// rationals (degrees, minutes, hundredths of seconds). Tests look for these bytes.
pub(crate) const LATITUDE: [(u32, u32); 3] = [(52, 1), (31, 1), (1234, 100)];
pub(crate) const LONGITUDE: [(u32, u32); 3] = [(13, 1), (24, 1), (5678, 100)];

/// A real JPEG of `width`×`height` (each kept within 1..=65535, JPEG's range) whose EXIF APP1
/// segment holds a GPS position and the text "GPS", for tests that check neither reaches a
/// served image.
pub fn sample_jpeg_with_gps(width: u32, height: u32) -> Vec<u8> {
    let (width, height) = (width.clamp(1, 65535), height.clamp(1, 65535));
    jpeg_with_exif(&gradient(width, height), &exif(None, true))
}

/// A smooth picture, so a test's JPEG looks like a photo rather than noise.
pub(crate) fn gradient(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let r = (x * 255 / width.max(1)) as u8;
        let g = (y * 255 / height.max(1)) as u8;
        Rgb([r, g, 128])
    })
}

/// `image` encoded as a JPEG with `exif` (a TIFF block) in an APP1 "Exif" segment.
#[expect(clippy::expect_used, reason = "test fixture: a failure should stop the test loudly")]
pub(crate) fn jpeg_with_exif(image: &RgbImage, exif: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut bytes, 90);
    encoder.set_exif_metadata(exif.to_vec()).expect("the JPEG encoder takes EXIF");
    encoder.encode_image(image).expect("a 1..=65535 image encodes into a Vec");
    bytes
}

/// A little-endian TIFF block as EXIF carries it: IFD0 with the orientation tag (if given)
/// and a pointer to a GPS IFD (if `gps`) holding latitude, longitude and a processing method.
pub(crate) fn exif(orientation: Option<u16>, gps: bool) -> Vec<u8> {
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const BYTE: u16 = 1;
    const ASCII: u16 = 2;
    const RATIONAL: u16 = 5;
    const UNDEFINED: u16 = 7;
    const METHOD: &[u8] = b"ASCII\0\0\0GPS";

    let mut ifd0: Vec<(u16, u16, u32, [u8; 4])> = Vec::new();
    if let Some(value) = orientation {
        let [a, b] = value.to_le_bytes();
        ifd0.push((0x0112, SHORT, 1, [a, b, 0, 0]));
    }
    let ifd_len = |entries: usize| 2 + 12 * entries + 4;
    let gps_ifd_at = 8 + ifd_len(ifd0.len() + usize::from(gps));
    if gps {
        ifd0.push((0x8825, LONG, 1, offset(gps_ifd_at)));
    }

    let mut tiff = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    write_ifd(&mut tiff, &ifd0);
    if gps {
        let data_at = gps_ifd_at + ifd_len(6);
        let gps_ifd = [
            (0x0000, BYTE, 4, [2, 3, 0, 0]),
            (0x0001, ASCII, 2, *b"N\0\0\0"),
            (0x0002, RATIONAL, 3, offset(data_at)),
            (0x0003, ASCII, 2, *b"E\0\0\0"),
            (0x0004, RATIONAL, 3, offset(data_at + 24)),
            (0x001B, UNDEFINED, METHOD.len() as u32, offset(data_at + 48)),
        ];
        write_ifd(&mut tiff, &gps_ifd);
        tiff.extend(rationals(&LATITUDE));
        tiff.extend(rationals(&LONGITUDE));
        tiff.extend_from_slice(METHOD);
    }
    tiff
}

/// The bytes of EXIF rationals, as they appear in the block.
pub(crate) fn rationals(values: &[(u32, u32)]) -> Vec<u8> {
    values.iter().flat_map(|(n, d)| n.to_le_bytes().into_iter().chain(d.to_le_bytes())).collect()
}

fn offset(at: usize) -> [u8; 4] {
    (at as u32).to_le_bytes()
}

fn write_ifd(tiff: &mut Vec<u8>, entries: &[(u16, u16, u32, [u8; 4])]) {
    tiff.extend((entries.len() as u16).to_le_bytes());
    for &(tag, kind, count, value) in entries {
        tiff.extend(tag.to_le_bytes());
        tiff.extend(kind.to_le_bytes());
        tiff.extend(count.to_le_bytes());
        tiff.extend(value);
    }
    // No next IFD.
    tiff.extend(0u32.to_le_bytes());
}
