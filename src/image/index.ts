export { ProcessCommandRunner } from './command-runner';
export type { CommandResult, ICommandRunner } from './command-runner';
export { ImageBuilder } from './image-builder';
export { ImageFile } from './image-file';
export type { ImageFileOptions } from './image-file';
export { ImageSource } from './image-source';
export type { DockerfileImageSourceOptions, FileImageSourceOptions } from './image-source';
export { DaprImage, ImageResolution } from './dapr-image';
export type { DaprImageProps, IDaprImage } from './dapr-image';
