// Vite's raw imports: the guess-budget test reads docs/api.md's table as text.
declare module '*.md?raw' {
  const text: string;
  export default text;
}
