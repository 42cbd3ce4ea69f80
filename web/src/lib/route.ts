// Hash routes: they work from the service worker's cached index.html with no server rewrites,
// and the vault's record ids never reach a server log.
export type Route =
  | { name: 'codes' }
  | { name: 'record'; id: string }
  | { name: 'edit'; id: string }
  | { name: 'new' }
  | { name: 'add' }
  | { name: 'settings' }
  | { name: 'deleted' }
  | { name: 'account' }
  | { name: 'signin' }
  | { name: 'twofa' }
  | { name: 'drill' }
  | { name: 'transfer'; path: string[] };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return '';
      }
    });
  const [head, id, tail] = parts;
  if (head === 'record' && id !== undefined && ID.test(id))
    return tail === 'edit' ? { name: 'edit', id } : { name: 'record', id };
  if (head === 'transfer') return { name: 'transfer', path: parts.slice(1) };
  if (
    head === 'new' ||
    head === 'add' ||
    head === 'settings' ||
    head === 'deleted' ||
    head === 'account' ||
    head === 'signin' ||
    head === 'twofa' ||
    head === 'drill'
  )
    return { name: head };
  return { name: 'codes' };
}

export function formatRoute(route: Route): string {
  switch (route.name) {
    case 'codes':
      return '#/';
    case 'record':
      return `#/record/${encodeURIComponent(route.id)}`;
    case 'edit':
      return `#/record/${encodeURIComponent(route.id)}/edit`;
    case 'transfer':
      return `#/${['transfer', ...route.path].map(encodeURIComponent).join('/')}`;
    default:
      return `#/${route.name}`;
  }
}
