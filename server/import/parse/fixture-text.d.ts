/** Vite's `?raw` import: a file's text. Tests read the real fixtures this way, without Node APIs. */
declare module '*?raw' {
  const text: string;
  export default text;
}
