import { Construct } from 'constructs';
import { IDaprApp } from '../../src/core/dapr-app-ref';

/** A stand-in for a DaprApp: just an app id in a namespace. */
export class FakeApp extends Construct implements IDaprApp {
  constructor(scope: Construct, id: string, public readonly appId: string, public readonly namespace: string = 'default') {
    super(scope, id);
  }
}
