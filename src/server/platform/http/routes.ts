/**
 * Whether a request is one of `routes`, each written as the OpenAPI document names it: `POST /api/signup/{token}`.
 * A `{param}` is one path segment.
 */
export function routeMatcher(routes: readonly string[]): (method: string, path: string) => boolean {
  const patterns = routes.map((route) => {
    const [method, template] = route.split(' ') as [string, string];
    const source = template
      .split(/\{[^}/]+\}/)
      .map((literal) => literal.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
      .join('[^/]+');
    return { method: method.toUpperCase(), path: new RegExp(`^${source}$`) };
  });
  return (method, path) => patterns.some((p) => p.method === method && p.path.test(path));
}
