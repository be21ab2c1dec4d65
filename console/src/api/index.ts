export * from './http';
export * from './errors';
export * from './endpoints';
export { uploadFile, type UploadHandle } from './upload';
export { downloadCsv, csvRecordCounter, type DownloadProgress, type DownloadResult } from './download';
