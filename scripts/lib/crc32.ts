/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as PNG chunks and ZIP entries require.
 *
 * Why our own: Node 20 has no `zlib.crc32` (it arrived in Node 22) and the project installs no zip
 * or PNG library just to build a six-file app package.
 */

const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * Continues a CRC-32 over `bytes`. Pass the previous result as `crc` to checksum data that arrives
 * in pieces (a PNG chunk's type and data); start with 0. Returns an unsigned 32-bit integer.
 */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}
