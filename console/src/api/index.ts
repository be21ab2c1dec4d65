export * from './http';
export * from './errors';
export * from './endpoints';
export { uploadFile, type UploadHandle } from './upload';
