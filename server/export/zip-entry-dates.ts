/**
 * Sets the modification date of every entry of a zip file, in place, and returns the bytes.
 * Zip writers stamp each entry with the clock (and in local time), so the same content zipped
 * twice differs; stamping every entry with one date, in UTC, makes the bytes depend on the
 * content alone. The dates are outside every checksum: nothing else needs rewriting.
 *
 * Throws if the bytes are not a zip file this function understands (no ZIP64, one disk).
 */
export function setZipEntryDates(zip: Uint8Array, date: Date): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const { time, day } = dosDateTime(date);
  const end = findEndOfCentralDirectory(view);
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  for (let i = 0; i < entries; i += 1) {
    expectSignature(view, offset, CENTRAL_HEADER, 'central directory header');
    view.setUint16(offset + 12, time, true);
    view.setUint16(offset + 14, day, true);
    const local = view.getUint32(offset + 42, true);
    expectSignature(view, local, LOCAL_HEADER, 'local file header');
    view.setUint16(local + 10, time, true);
    view.setUint16(local + 12, day, true);
    offset +=
      46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return zip;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const MAX_END_SEARCH = 22 + 0xffff;

function findEndOfCentralDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - MAX_END_SEARCH);
  for (let at = view.byteLength - 22; at >= lowest; at -= 1) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new Error('Not a zip file: no end of central directory record.');
}

function expectSignature(view: DataView, offset: number, signature: number, what: string): void {
  if (offset + 4 > view.byteLength || view.getUint32(offset, true) !== signature) {
    throw new Error(`Not a zip file this writer understands: no ${what} at byte ${offset}.`);
  }
}

/** MS-DOS date and time (2-second resolution, years 1980-2107), from the UTC fields of `date`. */
function dosDateTime(date: Date): { time: number; day: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    day: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}
