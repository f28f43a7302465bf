import type { Readable } from 'node:stream';

/** Formats previewed: the usual photo and screenshot formats. SVG is not (it is a document, not pixels). */
const PREVIEWED = new Set(['jpeg', 'png', 'gif', 'webp']);
/** Larger images are refused rather than decoded (a decompression bomb costs memory, not bytes). */
const MAX_PIXELS = 40_000_000;
export const THUMBNAIL_SIZE = 320;

/**
 * A preview of a stored file: decoded and re-encoded by sharp as a WebP of at most 320 × 320, turned
 * upright by its EXIF orientation and stripped of all metadata (sharp keeps none unless asked), so
 * the uploaded bytes never reach a browser from the portal's origin. Made on each request and kept
 * nowhere: derived data needs no sweeping. Null for a file that is not a readable image of a
 * previewed format.
 */
export async function thumbnail(file: Readable): Promise<Buffer | null> {
  try {
    // Loaded on the first preview: sharp's native library costs a second or more at start-up, in every process and test.
    const { default: sharp } = await import('sharp');
    const image = sharp({ limitInputPixels: MAX_PIXELS, failOn: 'error', animated: false });
    file.once('error', (error) => image.destroy(error));
    file.pipe(image);
    const { format } = await image.metadata();
    if (!format || !PREVIEWED.has(format)) return null;
    return await image.rotate().resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
  } catch {
    file.destroy();
    return null;
  }
}
