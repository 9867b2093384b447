// Types of build-if-stale.mjs (plain JavaScript so that `npm start` needs no TypeScript loader).
export declare const INPUTS: string[]
export declare const OUTPUTS: string[]
export declare const STAMP: string
export declare function staleReason (root: string): string | undefined
export declare function buildIfStale (root: string, build?: () => number): number
