export * from './common';
export * from './app';
export * from './components';
export * from './config';
export * from './runtime';
export * from './image';
export * from './local';
export * from './topology';
