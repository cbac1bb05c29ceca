import { IConstruct } from 'constructs';
import { ControlPlaneStorage } from './control-plane-storage';
import * as k8s from './kube';
import { checkDnsSubdomain, checkQuantity, fail, QUANTITY_RULE } from '../core/validation';

/** A StatefulSet volume claim template for persistent `storage`, validated. */
export function storageClaim(scope: IConstruct, name: string, storage: ControlPlaneStorage, defaultSize: string,
  prop: string): k8s.KubePersistentVolumeClaimProps {
  const size = storage.size ?? defaultSize;
  if (checkQuantity(scope, `${prop}.size`, size) <= 0) {
    fail(scope, `${prop}.size`, size, QUANTITY_RULE.replace('non-negative', 'positive'));
  }
  if (storage.storageClassName !== undefined) {
    checkDnsSubdomain(scope, `${prop}.storageClassName`, storage.storageClassName);
  }
  return {
    metadata: { name },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: storage.storageClassName,
      resources: { requests: { storage: k8s.Quantity.fromString(size) } },
    },
  };
}
