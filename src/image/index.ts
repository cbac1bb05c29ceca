export { ICommandRunner, CommandResult, ProcessCommandRunner } from './command-runner';
export { ImageBuilder } from './image-builder';
export { ImageFile, ImageFileOptions } from './image-file';
export { ImageSource, FileImageSourceOptions, DockerfileImageSourceOptions } from './image-source';
export { DaprImage, DaprImageProps, IDaprImage, ImageResolution } from './dapr-image';
