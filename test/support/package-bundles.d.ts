/** Types of package-bundles.js (see the file). */
export interface BundledPackage {
  name: string;
  commonjs: boolean;
}
export const BUNDLED: readonly BundledPackage[];
export function entryOf(pkg: BundledPackage): string;
export function bundleFile(directory: string, pkg: BundledPackage): string;
export function packageBundles(): Promise<string>;
