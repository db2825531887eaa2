/** The logical ids a template value refers to (Ref, Fn::GetAtt, and `${Id}`/`${Id.Attr}` in Fn::Sub). */
function references(value: unknown, ids: Set<string>, found: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) references(item, ids, found);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'Ref' && typeof item === 'string' && ids.has(item)) found.add(item);
      else if (key === 'Fn::GetAtt') {
        const target = Array.isArray(item) ? item[0] : String(item).split('.')[0];
        if (typeof target === 'string' && ids.has(target)) found.add(target);
      } else if (key === 'Fn::Sub') {
        const text = Array.isArray(item) ? item[0] : item;
        for (const m of String(text).matchAll(/\$\{([A-Za-z0-9]+)/g))
          if (m[1] && ids.has(m[1])) found.add(m[1]);
        if (Array.isArray(item)) references(item[1], ids, found);
      } else references(item, ids, found);
    }
  }
}

/** A dependency cycle among a CloudFormation template's resources (CloudFormation refuses to deploy one), or undefined. */
export function dependencyCycle(
  resources: Record<string, { DependsOn?: string | string[] }>,
): string[] | undefined {
  const ids = new Set(Object.keys(resources));
  const edges = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(resources)) {
    const found = new Set<string>([resource.DependsOn ?? []].flat());
    references(resource, ids, found);
    found.delete(id);
    edges.set(id, found);
  }
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 'open');
    path.push(id);
    for (const next of edges.get(id) ?? []) {
      if (state.get(next) === 'open') return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of ids) {
    if (state.has(id)) continue;
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}
