declare module 'asl-validator' {
  export default function validator(definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }): { isValid: boolean; errors: unknown[]; errorsText(separator?: string): string };
}
