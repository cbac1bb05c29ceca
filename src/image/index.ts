export { CommandResult, ICommandRunner, ProcessCommandRunner } from './command-runner';
export { ImageBuilder } from './image-builder';
export { ImageFile, ImageFileOptions } from './image-file';
export { ImageReference } from './image-reference';
export { DockerfileImageSourceOptions, FileImageSourceOptions, ImageSource } from './image-source';
export { DaprImage, DaprImageProps, IDaprImage, ImageResolution } from './dapr-image';
