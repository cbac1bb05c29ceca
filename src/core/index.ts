export {
  DaprResource, DaprResourceObjectOptions, DaprResourceProps, ScopedDaprResource, ScopedDaprResourceObjectOptions,
} from './dapr-resource';
