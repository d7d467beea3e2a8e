/** Types of thirdPartyNotices.mjs (for the unit test). */
export interface MetafileLike {
  inputs: Record<string, unknown>;
}
export function bundledPackageDirs(metafiles: MetafileLike[]): string[];
export function writeThirdPartyNotices(metafiles: MetafileLike[], outfile: string): string[];
