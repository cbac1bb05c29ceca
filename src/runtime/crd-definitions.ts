// Dapr's CustomResourceDefinitions as data: names, versions and structural schemas (types,
// required fields, enums, limits and CEL rules). Descriptions are left out on purpose: the schemas
// are here for the API server's validation and for offline validation, not for documentation.
/* eslint-disable quote-props */

import { CrdDefinition } from './crd-types';

/** Every Dapr CRD, in the order the control plane needs them. */
export const DAPR_CRD_DEFINITIONS: readonly CrdDefinition[] = [
  {
    kind: 'Component',
    plural: 'components',
    singular: 'component',
    listKind: 'ComponentList',
    scope: 'Namespaced',
    controllerGenVersion: 'v0.16.2',
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: {
          properties: {
            apiVersion: {
              type: 'string',
            },
            auth: {
              properties: {
                secretStore: {
                  type: 'string',
                },
              },
              required: ['secretStore'],
              type: 'object',
            },
            kind: {
              type: 'string',
            },
            metadata: {
              type: 'object',
            },
            scopes: {
              items: {
                type: 'string',
              },
              type: 'array',
            },
            spec: {
              properties: {
                ignoreErrors: {
                  type: 'boolean',
                },
                initTimeout: {
                  type: 'string',
                },
                metadata: {
                  items: {
                    properties: {
                      envRef: {
                        type: 'string',
                      },
                      name: {
                        type: 'string',
                      },
                      secretKeyRef: {
                        properties: {
                          key: {
                            type: 'string',
                          },
                          name: {
                            type: 'string',
                          },
                        },
                        required: ['name'],
                        type: 'object',
                      },
                      value: {
                        'x-kubernetes-preserve-unknown-fields': true,
                      },
                    },
                    required: ['name'],
                    type: 'object',
                  },
                  type: 'array',
                },
                type: {
                  type: 'string',
                },
                version: {
                  type: 'string',
                },
              },
              required: ['metadata', 'type', 'version'],
              type: 'object',
            },
          },
          type: 'object',
        },
      },
    ],
  },
  {
    kind: 'Configuration',
    plural: 'configurations',
    singular: 'configuration',
    listKind: 'ConfigurationList',
    scope: 'Namespaced',
    controllerGenVersion: 'v0.18.0',
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: {
          properties: {
            apiVersion: {
              type: 'string',
            },
            kind: {
              type: 'string',
            },
            metadata: {
              type: 'object',
            },
            spec: {
              properties: {
                accessControl: {
                  properties: {
                    defaultAction: {
                      type: 'string',
                    },
                    policies: {
                      items: {
                        properties: {
                          appId: {
                            type: 'string',
                          },
                          defaultAction: {
                            type: 'string',
                          },
                          namespace: {
                            type: 'string',
                          },
                          operations: {
                            items: {
                              properties: {
                                action: {
                                  type: 'string',
                                },
                                httpVerb: {
                                  items: {
                                    type: 'string',
                                  },
                                  type: 'array',
                                },
                                name: {
                                  type: 'string',
                                },
                              },
                              required: ['action', 'name'],
                              type: 'object',
                            },
                            type: 'array',
                          },
                          trustDomain: {
                            type: 'string',
                          },
                        },
                        required: ['appId'],
                        type: 'object',
                      },
                      type: 'array',
                    },
                    trustDomain: {
                      type: 'string',
                    },
                  },
                  type: 'object',
                },
                api: {
                  properties: {
                    allowed: {
                      items: {
                        properties: {
                          name: {
                            type: 'string',
                          },
                          protocol: {
                            type: 'string',
                          },
                          version: {
                            type: 'string',
                          },
                        },
                        required: ['name', 'version'],
                        type: 'object',
                      },
                      type: 'array',
                    },
                    denied: {
                      items: {
                        properties: {
                          name: {
                            type: 'string',
                          },
                          protocol: {
                            type: 'string',
                          },
                          version: {
                            type: 'string',
                          },
                        },
                        required: ['name', 'version'],
                        type: 'object',
                      },
                      type: 'array',
                    },
                  },
                  type: 'object',
                },
                appHttpPipeline: {
                  properties: {
                    handlers: {
                      items: {
                        properties: {
                          name: {
                            type: 'string',
                          },
                          selector: {
                            properties: {
                              fields: {
                                items: {
                                  properties: {
                                    field: {
                                      type: 'string',
                                    },
                                    value: {
                                      type: 'string',
                                    },
                                  },
                                  required: ['field', 'value'],
                                  type: 'object',
                                },
                                type: 'array',
                              },
                            },
                            required: ['fields'],
                            type: 'object',
                          },
                          type: {
                            type: 'string',
                          },
                        },
                        required: ['name', 'type'],
                        type: 'object',
                      },
                      type: 'array',
                    },
                  },
                  required: ['handlers'],
                  type: 'object',
                },
                components: {
                  properties: {
                    deny: {
                      items: {
                        type: 'string',
                      },
                      type: 'array',
                    },
                  },
                  type: 'object',
                },
                features: {
                  items: {
                    properties: {
                      enabled: {
                        type: 'boolean',
                      },
                      name: {
                        type: 'string',
                      },
                    },
                    required: ['enabled', 'name'],
                    type: 'object',
                  },
                  type: 'array',
                },
                httpPipeline: {
                  properties: {
                    handlers: {
                      items: {
                        properties: {
                          name: {
                            type: 'string',
                          },
                          selector: {
                            properties: {
                              fields: {
                                items: {
                                  properties: {
                                    field: {
                                      type: 'string',
                                    },
                                    value: {
                                      type: 'string',
                                    },
                                  },
                                  required: ['field', 'value'],
                                  type: 'object',
                                },
                                type: 'array',
                              },
                            },
                            required: ['fields'],
                            type: 'object',
                          },
                          type: {
                            type: 'string',
                          },
                        },
                        required: ['name', 'type'],
                        type: 'object',
                      },
                      type: 'array',
                    },
                  },
                  required: ['handlers'],
                  type: 'object',
                },
                logging: {
                  properties: {
                    apiLogging: {
                      properties: {
                        enabled: {
                          type: 'boolean',
                        },
                        obfuscateURLs: {
                          type: 'boolean',
                        },
                        omitHealthChecks: {
                          type: 'boolean',
                        },
                      },
                      type: 'object',
                    },
                  },
                  type: 'object',
                },
                metric: {
                  default: {
                    enabled: true,
                  },
                  properties: {
                    enabled: {
                      type: 'boolean',
                    },
                    http: {
                      properties: {
                        excludeVerbs: {
                          type: 'boolean',
                        },
                        increasedCardinality: {
                          type: 'boolean',
                        },
                        pathMatching: {
                          items: {
                            type: 'string',
                          },
                          type: 'array',
                        },
                      },
                      type: 'object',
                    },
                    latencyDistributionBuckets: {
                      items: {
                        type: 'integer',
                      },
                      type: 'array',
                    },
                    recordErrorCodes: {
                      type: 'boolean',
                    },
                    rules: {
                      items: {
                        properties: {
                          labels: {
                            items: {
                              properties: {
                                name: {
                                  type: 'string',
                                },
                                regex: {
                                  additionalProperties: {
                                    type: 'string',
                                  },
                                  type: 'object',
                                },
                              },
                              required: ['name', 'regex'],
                              type: 'object',
                            },
                            type: 'array',
                          },
                          name: {
                            type: 'string',
                          },
                        },
                        required: ['labels', 'name'],
                        type: 'object',
                      },
                      type: 'array',
                    },
                    workflow: {
                      properties: {
                        latencyDistributionBuckets: {
                          items: {
                            type: 'integer',
                          },
                          type: 'array',
                        },
                        latencyDistributionUnits: {
                          type: 'string',
                        },
                      },
                      type: 'object',
                    },
                  },
                  required: ['enabled'],
                  type: 'object',
                },
                metrics: {
                  default: {
                    enabled: true,
                  },
                  properties: {
                    enabled: {
                      type: 'boolean',
                    },
                    http: {
                      properties: {
                        excludeVerbs: {
                          type: 'boolean',
                        },
                        increasedCardinality: {
                          type: 'boolean',
                        },
                        pathMatching: {
                          items: {
                            type: 'string',
                          },
                          type: 'array',
                        },
                      },
                      type: 'object',
                    },
                    latencyDistributionBuckets: {
                      items: {
                        type: 'integer',
                      },
                      type: 'array',
                    },
                    recordErrorCodes: {
                      type: 'boolean',
                    },
                    rules: {
                      items: {
                        properties: {
                          labels: {
                            items: {
                              properties: {
                                name: {
                                  type: 'string',
                                },
                                regex: {
                                  additionalProperties: {
                                    type: 'string',
                                  },
                                  type: 'object',
                                },
                              },
                              required: ['name', 'regex'],
                              type: 'object',
                            },
                            type: 'array',
                          },
                          name: {
                            type: 'string',
                          },
                        },
                        required: ['labels', 'name'],
                        type: 'object',
                      },
                      type: 'array',
                    },
                    workflow: {
                      properties: {
                        latencyDistributionBuckets: {
                          items: {
                            type: 'integer',
                          },
                          type: 'array',
                        },
                        latencyDistributionUnits: {
                          type: 'string',
                        },
                      },
                      type: 'object',
                    },
                  },
                  required: ['enabled'],
                  type: 'object',
                },
                mtls: {
                  properties: {
                    allowedClockSkew: {
                      type: 'string',
                    },
                    controlPlaneTrustDomain: {
                      type: 'string',
                    },
                    enabled: {
                      type: 'boolean',
                    },
                    sentryAddress: {
                      type: 'string',
                    },
                    tokenValidators: {
                      items: {
                        properties: {
                          name: {
                            enum: ['jwks'],
                            type: 'string',
                          },
                          options: {
                            'type': 'object',
                            'x-kubernetes-preserve-unknown-fields': true,
                          },
                        },
                        required: ['name'],
                        type: 'object',
                      },
                      type: 'array',
                    },
                    workloadCertTTL: {
                      type: 'string',
                    },
                  },
                  required: ['controlPlaneTrustDomain', 'enabled', 'sentryAddress'],
                  type: 'object',
                },
                nameResolution: {
                  properties: {
                    component: {
                      type: 'string',
                    },
                    configuration: {
                      'type': 'object',
                      'x-kubernetes-preserve-unknown-fields': true,
                    },
                    version: {
                      type: 'string',
                    },
                  },
                  required: ['component', 'configuration', 'version'],
                  type: 'object',
                },
                secrets: {
                  properties: {
                    scopes: {
                      items: {
                        properties: {
                          allowedSecrets: {
                            items: {
                              type: 'string',
                            },
                            type: 'array',
                          },
                          defaultAccess: {
                            type: 'string',
                          },
                          deniedSecrets: {
                            items: {
                              type: 'string',
                            },
                            type: 'array',
                          },
                          storeName: {
                            type: 'string',
                          },
                        },
                        required: ['storeName'],
                        type: 'object',
                      },
                      type: 'array',
                    },
                  },
                  required: ['scopes'],
                  type: 'object',
                },
                tracing: {
                  properties: {
                    otel: {
                      properties: {
                        endpointAddress: {
                          type: 'string',
                        },
                        headers: {
                          items: {
                            properties: {
                              envRef: {
                                type: 'string',
                              },
                              name: {
                                type: 'string',
                              },
                              secretKeyRef: {
                                properties: {
                                  key: {
                                    type: 'string',
                                  },
                                  name: {
                                    type: 'string',
                                  },
                                },
                                required: ['name'],
                                type: 'object',
                              },
                              value: {
                                'x-kubernetes-preserve-unknown-fields': true,
                              },
                            },
                            required: ['name'],
                            type: 'object',
                          },
                          type: 'array',
                        },
                        isSecure: {
                          type: 'boolean',
                        },
                        protocol: {
                          type: 'string',
                        },
                        timeout: {
                          type: 'string',
                        },
                      },
                      required: ['endpointAddress', 'isSecure', 'protocol'],
                      type: 'object',
                    },
                    samplingRate: {
                      type: 'string',
                    },
                    stdout: {
                      type: 'boolean',
                    },
                    zipkin: {
                      properties: {
                        endpointAddress: {
                          type: 'string',
                        },
                      },
                      required: ['endpointAddress'],
                      type: 'object',
                    },
                  },
                  required: ['samplingRate'],
                  type: 'object',
                },
                wasm: {
                  properties: {
                    strictSandbox: {
                      type: 'boolean',
                    },
                  },
                  type: 'object',
                },
                workflow: {
                  properties: {
                    activityConcurrencyLimits: {
                      items: {
                        properties: {
                          maxConcurrent: {
                            format: 'int32',
                            type: 'integer',
                          },
                          name: {
                            type: 'string',
                          },
                        },
                        type: 'object',
                      },
                      type: 'array',
                    },
                    globalMaxConcurrentActivityInvocations: {
                      format: 'int32',
                      type: 'integer',
                    },
                    globalMaxConcurrentWorkflowInvocations: {
                      format: 'int32',
                      type: 'integer',
                    },
                    maxConcurrentActivityInvocations: {
                      format: 'int32',
                      type: 'integer',
                    },
                    maxConcurrentWorkflowInvocations: {
                      format: 'int32',
                      type: 'integer',
                    },
                    stateRetentionPolicy: {
                      properties: {
                        anyTerminal: {
                          type: 'string',
                        },
                        completed: {
                          type: 'string',
                        },
                        failed: {
                          type: 'string',
                        },
                        terminated: {
                          type: 'string',
                        },
                      },
                      type: 'object',
                    },
                    workflowConcurrencyLimits: {
                      items: {
                        properties: {
                          maxConcurrent: {
                            format: 'int32',
                            type: 'integer',
                          },
                          name: {
                            type: 'string',
                          },
                        },
                        type: 'object',
                      },
                      type: 'array',
                    },
                  },
                  type: 'object',
                },
              },
              type: 'object',
            },
          },
          type: 'object',
        },
      },
    ],
  },
  {
    kind: 'Resiliency',
    plural: 'resiliencies',
    singular: 'resiliency',
    listKind: 'ResiliencyList',
    scope: 'Namespaced',
    controllerGenVersion: 'v0.16.2',
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: {
          properties: {
            apiVersion: {
              type: 'string',
            },
            kind: {
              type: 'string',
            },
            metadata: {
              type: 'object',
            },
            scopes: {
              items: {
                type: 'string',
              },
              type: 'array',
            },
            spec: {
              properties: {
                policies: {
                  properties: {
                    circuitBreakers: {
                      additionalProperties: {
                        properties: {
                          interval: {
                            type: 'string',
                          },
                          maxRequests: {
                            type: 'integer',
                          },
                          timeout: {
                            type: 'string',
                          },
                          trip: {
                            type: 'string',
                          },
                        },
                        type: 'object',
                      },
                      type: 'object',
                    },
                    retries: {
                      additionalProperties: {
                        properties: {
                          duration: {
                            type: 'string',
                          },
                          matching: {
                            properties: {
                              gRPCStatusCodes: {
                                type: 'string',
                              },
                              httpStatusCodes: {
                                type: 'string',
                              },
                            },
                            type: 'object',
                          },
                          maxInterval: {
                            type: 'string',
                          },
                          maxRetries: {
                            type: 'integer',
                          },
                          policy: {
                            type: 'string',
                          },
                        },
                        type: 'object',
                      },
                      type: 'object',
                    },
                    timeouts: {
                      additionalProperties: {
                        type: 'string',
                      },
                      type: 'object',
                    },
                  },
                  type: 'object',
                },
                targets: {
                  properties: {
                    actors: {
                      additionalProperties: {
                        properties: {
                          circuitBreaker: {
                            type: 'string',
                          },
                          circuitBreakerCacheSize: {
                            type: 'integer',
                          },
                          circuitBreakerScope: {
                            type: 'string',
                          },
                          retry: {
                            type: 'string',
                          },
                          timeout: {
                            type: 'string',
                          },
                        },
                        type: 'object',
                      },
                      type: 'object',
                    },
                    apps: {
                      additionalProperties: {
                        properties: {
                          circuitBreaker: {
                            type: 'string',
                          },
                          circuitBreakerCacheSize: {
                            type: 'integer',
                          },
                          retry: {
                            type: 'string',
                          },
                          timeout: {
                            type: 'string',
                          },
                        },
                        type: 'object',
                      },
                      type: 'object',
                    },
                    components: {
                      additionalProperties: {
                        properties: {
                          inbound: {
                            properties: {
                              circuitBreaker: {
                                type: 'string',
                              },
                              retry: {
                                type: 'string',
                              },
                              timeout: {
                                type: 'string',
                              },
                            },
                            type: 'object',
                          },
                          outbound: {
                            properties: {
                              circuitBreaker: {
                                type: 'string',
                              },
                              retry: {
                                type: 'string',
                              },
                              timeout: {
                                type: 'string',
                              },
                            },
                            type: 'object',
                          },
                        },
                        type: 'object',
                      },
                      type: 'object',
                    },
                  },
                  type: 'object',
                },
              },
              required: ['policies', 'targets'],
              type: 'object',
            },
          },
          type: 'object',
        },
      },
    ],
  },
  {
    kind: 'Subscription',
    plural: 'subscriptions',
    singular: 'subscription',
    listKind: 'SubscriptionList',
    scope: 'Namespaced',
    controllerGenVersion: 'v0.16.2',
    conversionReviewVersions: ['v1', 'v2alpha1'],
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: false,
        schema: {
          properties: {
            apiVersion: {
              type: 'string',
            },
            kind: {
              type: 'string',
            },
            metadata: {
              type: 'object',
            },
            scopes: {
              items: {
                type: 'string',
              },
              type: 'array',
            },
            spec: {
              properties: {
                bulkSubscribe: {
                  properties: {
                    enabled: {
                      type: 'boolean',
                    },
                    maxAwaitDurationMs: {
                      format: 'int32',
                      type: 'integer',
                    },
                    maxMessagesCount: {
                      format: 'int32',
                      type: 'integer',
                    },
                  },
                  required: ['enabled'],
                  type: 'object',
                },
                deadLetterTopic: {
                  type: 'string',
                },
                metadata: {
                  additionalProperties: {
                    type: 'string',
                  },
                  type: 'object',
                },
                pubsubname: {
                  type: 'string',
                },
                route: {
                  type: 'string',
                },
                topic: {
                  type: 'string',
                },
              },
              required: ['pubsubname', 'route', 'topic'],
              type: 'object',
            },
          },
          type: 'object',
        },
      },
      {
        name: 'v2alpha1',
        served: true,
        storage: true,
        schema: {
          properties: {
            apiVersion: {
              type: 'string',
            },
            kind: {
              type: 'string',
            },
            metadata: {
              type: 'object',
            },
            scopes: {
              items: {
                type: 'string',
              },
              type: 'array',
            },
            spec: {
              properties: {
                bulkSubscribe: {
                  properties: {
                    enabled: {
                      type: 'boolean',
                    },
                    maxAwaitDurationMs: {
                      format: 'int32',
                      type: 'integer',
                    },
                    maxMessagesCount: {
                      format: 'int32',
                      type: 'integer',
                    },
                  },
                  required: ['enabled'],
                  type: 'object',
                },
                deadLetterTopic: {
                  type: 'string',
                },
                metadata: {
                  additionalProperties: {
                    type: 'string',
                  },
                  type: 'object',
                },
                pubsubname: {
                  type: 'string',
                },
                routes: {
                  properties: {
                    default: {
                      type: 'string',
                    },
                    rules: {
                      items: {
                        properties: {
                          match: {
                            type: 'string',
                          },
                          path: {
                            type: 'string',
                          },
                        },
                        required: ['match', 'path'],
                        type: 'object',
                      },
                      type: 'array',
                    },
                  },
                  type: 'object',
                },
                topic: {
                  type: 'string',
                },
              },
              required: ['pubsubname', 'routes', 'topic'],
              type: 'object',
            },
          },
          type: 'object',
        },
      },
    ],
  },
  {
    kind: 'HTTPEndpoint',
    plural: 'httpendpoints',
    singular: 'httpendpoint',
    listKind: 'HTTPEndpointList',
    scope: 'Namespaced',
    controllerGenVersion: 'v0.16.2',
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: {
          properties: {
            apiVersion: {
              type: 'string',
            },
            auth: {
              properties: {
                secretStore: {
                  type: 'string',
                },
              },
              required: ['secretStore'],
              type: 'object',
            },
            kind: {
              type: 'string',
            },
            metadata: {
              type: 'object',
            },
            scopes: {
              items: {
                type: 'string',
              },
              type: 'array',
            },
            spec: {
              properties: {
                baseUrl: {
                  type: 'string',
                },
                clientTLS: {
                  properties: {
                    certificate: {
                      properties: {
                        secretKeyRef: {
                          properties: {
                            key: {
                              type: 'string',
                            },
                            name: {
                              type: 'string',
                            },
                          },
                          required: ['name'],
                          type: 'object',
                        },
                        value: {
                          'x-kubernetes-preserve-unknown-fields': true,
                        },
                      },
                      type: 'object',
                    },
                    privateKey: {
                      properties: {
                        secretKeyRef: {
                          properties: {
                            key: {
                              type: 'string',
                            },
                            name: {
                              type: 'string',
                            },
                          },
                          required: ['name'],
                          type: 'object',
                        },
                        value: {
                          'x-kubernetes-preserve-unknown-fields': true,
                        },
                      },
                      type: 'object',
                    },
                    renegotiation: {
                      default: 'Never',
                      enum: ['Never', 'OnceAsClient', 'FreelyAsClient'],
                      type: 'string',
                    },
                    rootCA: {
                      properties: {
                        secretKeyRef: {
                          properties: {
                            key: {
                              type: 'string',
                            },
                            name: {
                              type: 'string',
                            },
                          },
                          required: ['name'],
                          type: 'object',
                        },
                        value: {
                          'x-kubernetes-preserve-unknown-fields': true,
                        },
                      },
                      type: 'object',
                    },
                  },
                  type: 'object',
                },
                headers: {
                  items: {
                    properties: {
                      envRef: {
                        type: 'string',
                      },
                      name: {
                        type: 'string',
                      },
                      secretKeyRef: {
                        properties: {
                          key: {
                            type: 'string',
                          },
                          name: {
                            type: 'string',
                          },
                        },
                        required: ['name'],
                        type: 'object',
                      },
                      value: {
                        'x-kubernetes-preserve-unknown-fields': true,
                      },
                    },
                    required: ['name'],
                    type: 'object',
                  },
                  type: 'array',
                },
              },
              required: ['baseUrl'],
              type: 'object',
            },
          },
          type: 'object',
        },
      },
    ],
  },
  {
    kind: 'MCPServer',
    plural: 'mcpservers',
    singular: 'mcpserver',
    listKind: 'MCPServerList',
    scope: 'Namespaced',
    controllerGenVersion: 'v0.16.2',
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: {
          properties: {
            apiVersion: {
              type: 'string',
            },
            kind: {
              type: 'string',
            },
            metadata: {
              type: 'object',
            },
            scopes: {
              items: {
                type: 'string',
              },
              type: 'array',
            },
            spec: {
              properties: {
                catalog: {
                  properties: {
                    displayName: {
                      type: 'string',
                    },
                    links: {
                      additionalProperties: {
                        type: 'string',
                      },
                      type: 'object',
                    },
                    owner: {
                      properties: {
                        contact: {
                          type: 'string',
                        },
                        team: {
                          type: 'string',
                        },
                      },
                      type: 'object',
                    },
                    tags: {
                      items: {
                        type: 'string',
                      },
                      type: 'array',
                    },
                  },
                  type: 'object',
                },
                endpoint: {
                  'properties': {
                    sse: {
                      properties: {
                        auth: {
                          properties: {
                            oauth2: {
                              properties: {
                                audience: {
                                  type: 'string',
                                },
                                clientID: {
                                  type: 'string',
                                },
                                issuer: {
                                  minLength: 1,
                                  type: 'string',
                                },
                                scopes: {
                                  items: {
                                    type: 'string',
                                  },
                                  type: 'array',
                                },
                                secretKeyRef: {
                                  properties: {
                                    key: {
                                      type: 'string',
                                    },
                                    name: {
                                      type: 'string',
                                    },
                                  },
                                  required: ['name'],
                                  type: 'object',
                                },
                              },
                              required: ['issuer'],
                              type: 'object',
                            },
                            secretStore: {
                              type: 'string',
                            },
                            spiffe: {
                              properties: {
                                jwt: {
                                  properties: {
                                    audience: {
                                      minLength: 1,
                                      type: 'string',
                                    },
                                    header: {
                                      minLength: 1,
                                      type: 'string',
                                    },
                                    headerValuePrefix: {
                                      type: 'string',
                                    },
                                  },
                                  required: ['audience', 'header'],
                                  type: 'object',
                                },
                              },
                              type: 'object',
                            },
                          },
                          type: 'object',
                        },
                        headers: {
                          items: {
                            properties: {
                              envRef: {
                                type: 'string',
                              },
                              name: {
                                type: 'string',
                              },
                              secretKeyRef: {
                                properties: {
                                  key: {
                                    type: 'string',
                                  },
                                  name: {
                                    type: 'string',
                                  },
                                },
                                required: ['name'],
                                type: 'object',
                              },
                              value: {
                                'x-kubernetes-preserve-unknown-fields': true,
                              },
                            },
                            required: ['name'],
                            type: 'object',
                          },
                          type: 'array',
                        },
                        protocolVersion: {
                          type: 'string',
                        },
                        timeout: {
                          type: 'string',
                        },
                        url: {
                          minLength: 1,
                          type: 'string',
                        },
                      },
                      required: ['url'],
                      type: 'object',
                    },
                    stdio: {
                      properties: {
                        args: {
                          items: {
                            type: 'string',
                          },
                          type: 'array',
                        },
                        command: {
                          minLength: 1,
                          type: 'string',
                        },
                        env: {
                          items: {
                            properties: {
                              envRef: {
                                type: 'string',
                              },
                              name: {
                                type: 'string',
                              },
                              secretKeyRef: {
                                properties: {
                                  key: {
                                    type: 'string',
                                  },
                                  name: {
                                    type: 'string',
                                  },
                                },
                                required: ['name'],
                                type: 'object',
                              },
                              value: {
                                'x-kubernetes-preserve-unknown-fields': true,
                              },
                            },
                            required: ['name'],
                            type: 'object',
                          },
                          type: 'array',
                        },
                      },
                      required: ['command'],
                      type: 'object',
                    },
                    streamableHTTP: {
                      properties: {
                        auth: {
                          properties: {
                            oauth2: {
                              properties: {
                                audience: {
                                  type: 'string',
                                },
                                clientID: {
                                  type: 'string',
                                },
                                issuer: {
                                  minLength: 1,
                                  type: 'string',
                                },
                                scopes: {
                                  items: {
                                    type: 'string',
                                  },
                                  type: 'array',
                                },
                                secretKeyRef: {
                                  properties: {
                                    key: {
                                      type: 'string',
                                    },
                                    name: {
                                      type: 'string',
                                    },
                                  },
                                  required: ['name'],
                                  type: 'object',
                                },
                              },
                              required: ['issuer'],
                              type: 'object',
                            },
                            secretStore: {
                              type: 'string',
                            },
                            spiffe: {
                              properties: {
                                jwt: {
                                  properties: {
                                    audience: {
                                      minLength: 1,
                                      type: 'string',
                                    },
                                    header: {
                                      minLength: 1,
                                      type: 'string',
                                    },
                                    headerValuePrefix: {
                                      type: 'string',
                                    },
                                  },
                                  required: ['audience', 'header'],
                                  type: 'object',
                                },
                              },
                              type: 'object',
                            },
                          },
                          type: 'object',
                        },
                        headers: {
                          items: {
                            properties: {
                              envRef: {
                                type: 'string',
                              },
                              name: {
                                type: 'string',
                              },
                              secretKeyRef: {
                                properties: {
                                  key: {
                                    type: 'string',
                                  },
                                  name: {
                                    type: 'string',
                                  },
                                },
                                required: ['name'],
                                type: 'object',
                              },
                              value: {
                                'x-kubernetes-preserve-unknown-fields': true,
                              },
                            },
                            required: ['name'],
                            type: 'object',
                          },
                          type: 'array',
                        },
                        protocolVersion: {
                          type: 'string',
                        },
                        timeout: {
                          type: 'string',
                        },
                        url: {
                          minLength: 1,
                          type: 'string',
                        },
                      },
                      required: ['url'],
                      type: 'object',
                    },
                  },
                  'type': 'object',
                  'x-kubernetes-validations': [
                    {
                      message: 'exactly one of streamableHTTP, sse, or stdio must be set',
                      rule: '(has(self.streamableHTTP) ? 1 : 0) + (has(self.sse) ? 1 : 0) + (has(self.stdio) ? 1 : 0) == 1',
                    },
                  ],
                },
                ignoreErrors: {
                  type: 'boolean',
                },
                middleware: {
                  properties: {
                    afterCallTool: {
                      items: {
                        properties: {
                          mutate: {
                            type: 'boolean',
                          },
                          workflow: {
                            properties: {
                              appID: {
                                type: 'string',
                              },
                              workflowName: {
                                minLength: 1,
                                type: 'string',
                              },
                            },
                            required: ['workflowName'],
                            type: 'object',
                          },
                        },
                        required: ['workflow'],
                        type: 'object',
                      },
                      type: 'array',
                    },
                    afterListTools: {
                      items: {
                        properties: {
                          mutate: {
                            type: 'boolean',
                          },
                          workflow: {
                            properties: {
                              appID: {
                                type: 'string',
                              },
                              workflowName: {
                                minLength: 1,
                                type: 'string',
                              },
                            },
                            required: ['workflowName'],
                            type: 'object',
                          },
                        },
                        required: ['workflow'],
                        type: 'object',
                      },
                      type: 'array',
                    },
                    beforeCallTool: {
                      items: {
                        properties: {
                          mutate: {
                            type: 'boolean',
                          },
                          workflow: {
                            properties: {
                              appID: {
                                type: 'string',
                              },
                              workflowName: {
                                minLength: 1,
                                type: 'string',
                              },
                            },
                            required: ['workflowName'],
                            type: 'object',
                          },
                        },
                        required: ['workflow'],
                        type: 'object',
                      },
                      type: 'array',
                    },
                    beforeListTools: {
                      items: {
                        properties: {
                          workflow: {
                            properties: {
                              appID: {
                                type: 'string',
                              },
                              workflowName: {
                                minLength: 1,
                                type: 'string',
                              },
                            },
                            required: ['workflowName'],
                            type: 'object',
                          },
                        },
                        required: ['workflow'],
                        type: 'object',
                      },
                      type: 'array',
                    },
                  },
                  type: 'object',
                },
              },
              required: ['endpoint'],
              type: 'object',
            },
          },
          type: 'object',
        },
      },
    ],
  },
  {
    kind: 'WorkflowAccessPolicy',
    plural: 'workflowaccesspolicies',
    singular: 'workflowaccesspolicy',
    listKind: 'WorkflowAccessPolicyList',
    scope: 'Namespaced',
    controllerGenVersion: 'v0.19.0',
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: {
          properties: {
            apiVersion: {
              type: 'string',
            },
            kind: {
              type: 'string',
            },
            metadata: {
              type: 'object',
            },
            scopes: {
              items: {
                type: 'string',
              },
              type: 'array',
            },
            spec: {
              properties: {
                rules: {
                  items: {
                    'properties': {
                      activities: {
                        items: {
                          properties: {
                            name: {
                              maxLength: 256,
                              minLength: 1,
                              type: 'string',
                            },
                            requires: {
                              items: {
                                properties: {
                                  appID: {
                                    maxLength: 256,
                                    minLength: 1,
                                    type: 'string',
                                  },
                                  eventType: {
                                    enum: ['activity.started', 'activity.completed', 'workflow.started', 'workflow.completed', 'event.raised'],
                                    type: 'string',
                                  },
                                  name: {
                                    maxLength: 256,
                                    minLength: 1,
                                    type: 'string',
                                  },
                                },
                                required: ['appID', 'eventType', 'name'],
                                type: 'object',
                              },
                              maxItems: 20,
                              type: 'array',
                            },
                          },
                          required: ['name'],
                          type: 'object',
                        },
                        maxItems: 100,
                        type: 'array',
                      },
                      callers: {
                        items: {
                          properties: {
                            appID: {
                              maxLength: 256,
                              minLength: 1,
                              type: 'string',
                            },
                          },
                          required: ['appID'],
                          type: 'object',
                        },
                        maxItems: 100,
                        minItems: 1,
                        type: 'array',
                      },
                      workflows: {
                        items: {
                          'properties': {
                            name: {
                              maxLength: 256,
                              minLength: 1,
                              type: 'string',
                            },
                            operations: {
                              'items': {
                                enum: ['schedule', 'terminate', 'raise', 'pause', 'resume', 'purge', 'get', 'rerun'],
                                type: 'string',
                              },
                              'maxItems': 8,
                              'minItems': 1,
                              'type': 'array',
                              'x-kubernetes-list-type': 'set',
                            },
                            requires: {
                              items: {
                                properties: {
                                  appID: {
                                    maxLength: 256,
                                    minLength: 1,
                                    type: 'string',
                                  },
                                  eventType: {
                                    enum: ['activity.started', 'activity.completed', 'workflow.started', 'workflow.completed', 'event.raised'],
                                    type: 'string',
                                  },
                                  name: {
                                    maxLength: 256,
                                    minLength: 1,
                                    type: 'string',
                                  },
                                },
                                required: ['appID', 'eventType', 'name'],
                                type: 'object',
                              },
                              maxItems: 20,
                              type: 'array',
                            },
                          },
                          'required': ['name', 'operations'],
                          'type': 'object',
                          'x-kubernetes-validations': [
                            {
                              message: 'requires is only valid when the rule\'s only operation is \'schedule\'',
                              rule: '!has(self.requires) || size(self.requires) == 0 || (size(self.operations) == 1 && self.operations[0] == \'schedule\')',
                            },
                          ],
                        },
                        maxItems: 100,
                        type: 'array',
                      },
                    },
                    'required': ['callers'],
                    'type': 'object',
                    'x-kubernetes-validations': [
                      {
                        message: 'at least one of workflows or activities must contain a rule',
                        rule: '(has(self.workflows) && size(self.workflows) > 0) || (has(self.activities) && size(self.activities) > 0)',
                      },
                    ],
                  },
                  maxItems: 100,
                  type: 'array',
                },
              },
              type: 'object',
            },
          },
          type: 'object',
        },
      },
    ],
  },
];
