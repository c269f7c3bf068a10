import { unzipSync } from 'fflate';

/** The files of a function package: name → content, for the names `wanted` accepts. */
export function packageFiles(zip: Uint8Array, wanted: (name: string) => boolean): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(zip, { filter: (file) => wanted(file.name) })));
}

/** Every entry of a package with its unpacked size, without unpacking anything. */
export function packageEntries(zip: Uint8Array): Map<string, number> {
  const sizes = new Map<string, number>();
  unzipSync(zip, {
    filter: (file) => {
      sizes.set(file.name, file.originalSize);
      return false;
    },
  });
  return sizes;
}
