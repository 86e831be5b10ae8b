/** Types of kept-builds.js (see the file). */
export function keptBuild(parent: string, key: string, make: (directory: string) => void | Promise<void>): Promise<string>;
