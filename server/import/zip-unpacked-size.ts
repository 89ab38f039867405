const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
/** The end record is 22 bytes plus a comment of at most 65,535 bytes. */
const END_SEARCH = 22 + 0xffff;

/**
 * The total unpacked size of a zip archive's entries, as its central directory declares them,
 * or null when the archive's directory cannot be read. A .docx is a zip: a small upload can
 * unpack to gigabytes (a "zip bomb") and take the server down for every meeting on it, so the
 * declared sizes are checked before the archive is opened. An entry in ZIP64 form counts as
 * infinitely large: no honest document of a few megabytes needs it. `counts` says which entries
 * (by name) count; by default all do. A lying directory is the import worker's memory limit's.
 */
export function zipUnpackedSize(bytes: Uint8Array, counts: (name: string) => boolean = () => true): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - END_SEARCH); i--) {
    if (view.getUint32(i, true) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end === -1) return null;
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== CENTRAL_FILE_HEADER) return null;
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    if (offset + 46 + nameLength > bytes.length) return null;
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    if (counts(name)) {
      if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
      total += size;
    }
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return total;
}
