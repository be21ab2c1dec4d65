export * from './http';
export * from './endpoints';
export { uploadFile, type UploadHandle } from './upload';
