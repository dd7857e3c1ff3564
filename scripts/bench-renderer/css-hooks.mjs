// The renderer's components import their stylesheets (Vite bundles them); in Node a stylesheet is
// an empty module, so the bench can load the real components.
export async function load(url, context, nextLoad) {
  if (url.endsWith('.css')) return { format: 'module', source: '', shortCircuit: true };
  return nextLoad(url, context);
}
