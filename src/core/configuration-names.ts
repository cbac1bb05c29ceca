/*
 * Facts about Dapr's Configuration resource that the control plane needs too; here, in core, so
 * the control plane does not load the Configuration construct (issue 17: its import cost).
 */

/** The Kubernetes group/version of Dapr's Configuration resource. */
export const CONFIGURATION_API_VERSION = 'dapr.io/v1alpha1';

/** The name of the control plane's own Configuration, the only one whose mTLS settings Dapr reads. */
export const CONTROL_PLANE_CONFIGURATION = 'daprsystem';
