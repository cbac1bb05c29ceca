/** A served CustomResourceDefinition of `acme.io/v1` Widget (namespaced) with the given schema, for the validator's tests. */
export function widgetCrd(openAPIV3Schema: object): any {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.acme.io' },
    spec: {
      group: 'acme.io',
      scope: 'Namespaced',
      names: { kind: 'Widget', plural: 'widgets' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema } }],
    },
  };
}

/** A Widget object with the given spec. */
export function widget(spec: unknown): any {
  return { apiVersion: 'acme.io/v1', kind: 'Widget', metadata: { name: 'w' }, spec };
}
