export { DEFAULT_NAMESPACE } from './namespace';
